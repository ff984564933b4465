import { useEffect, useState } from 'react';
import type { RewriteResult } from '../resources';

export interface RewritePreviewState {
  loading: boolean;
  result?: RewriteResult;
  /** The request itself failed (backend unreachable, HTTP error): not a PromQL error. */
  failure?: string;
}

interface Answer {
  expr: string;
  result?: RewriteResult;
  failure?: string;
}

/** Asks the backend to rewrite `expr` once typing pauses for `delayMs`; stale answers are dropped. */
export function useRewritePreview(
  expr: string,
  rewrite: (expr: string) => Promise<RewriteResult>,
  delayMs = 400
): RewritePreviewState {
  const [answer, setAnswer] = useState<Answer>({ expr: '' });
  useEffect(() => {
    if (!expr.trim()) {
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      rewrite(expr).then(
        (result) => current && setAnswer({ expr, result }),
        (err: unknown) => current && setAnswer({ expr, failure: describe(err) })
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [expr, rewrite, delayMs]);
  if (!expr.trim()) {
    return { loading: false };
  }
  // The last answer stays visible (dimmed) while the next one is on its way.
  return { loading: answer.expr !== expr, result: answer.result, failure: answer.failure };
}

function describe(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { data?: { message?: string; error?: string }; message?: string; status?: number };
    const msg = e.data?.error ?? e.data?.message ?? e.message;
    if (msg) {
      return e.status ? `${msg} (HTTP ${e.status})` : msg;
    }
  }
  return String(err);
}
