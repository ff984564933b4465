import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, useStyles2 } from '@grafana/ui';
import type { RewritePreviewState } from './useRewritePreview';

/** What the backend will actually run: the rewritten query for the store's dialect, or where the text is wrong. */
export function RewritePreview({ state }: { state: RewritePreviewState }) {
  const styles = useStyles2(getStyles);
  const { result, failure, loading } = state;
  if (failure) {
    return (
      <Alert severity="warning" title="Could not ask the backend for the rewritten query" data-testid="rewrite-failure">
        {failure}
      </Alert>
    );
  }
  if (!result) {
    return loading ? <div className={styles.muted}>Rewriting…</div> : null;
  }
  if (result.error) {
    const { line, column, message } = result.error;
    return (
      <div className={styles.error} data-testid="rewrite-error" role="alert">
        Parse error at line {line}, column {column}: {message}
      </div>
    );
  }
  return (
    <div data-testid="rewrite-preview" className={loading ? styles.stale : undefined}>
      <div className={styles.muted}>
        Runs as (dialect <span data-testid="rewrite-dialect">{result.dialect}</span>):
      </div>
      <pre className={styles.code} data-testid="rewrite-text">
        {result.rewritten}
      </pre>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  stale: css({ opacity: 0.6 }),
  error: css({ color: theme.colors.error.text, fontFamily: theme.typography.fontFamilyMonospace, fontSize: 12 }),
  code: css({ whiteSpace: 'pre-wrap', margin: 0, fontSize: 12 }),
});
