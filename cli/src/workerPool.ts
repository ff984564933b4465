import type { MessagePort } from 'node:worker_threads';
import { FoundFile } from './io/discover';
import { CachedFile, packRows, unpackRows } from './io/scanCache';
import { Parsed, parseFile } from './parseFile';
import { AgentId } from './usage';

/** In a parse worker's argv (bin.ts looks for it before loading node:worker_threads). */
export const PARSE_WORKER_FLAG = '--seatmeter-parse-worker';

export interface Job {
  agent: AgentId;
  file: FoundFile;
  prev?: CachedFile;
}

interface Reply {
  id: number;
  error?: string;
  parsed?: Omit<Parsed, 'rows'>;
  strings?: string[];
  rows?: Array<number | string>;
}

/** The worker side: parses the files it is sent and answers with their rows packed flat. */
export function serveParseJobs(port: MessagePort, user: string): void {
  port.on('message', (msg: { id: number; job: Job }) => {
    try {
      const { rows, ...parsed } = parseFile(msg.job.agent, msg.job.file, msg.job.prev, user);
      port.postMessage({ id: msg.id, parsed, ...packRows(rows) } satisfies Reply);
    } catch (e) {
      port.postMessage({ id: msg.id, error: String((e as Error).stack ?? e) } satisfies Reply);
    }
  });
}

/**
 * Parses jobs on `threads` worker threads running `script` (the CLI bundle itself, which serves jobs when
 * started as a worker). Results come back in job order; `onDone` fires as each finishes (progress).
 */
export async function parseInWorkers(
  script: string,
  threads: number,
  jobs: Job[],
  user: string,
  onDone: () => void
): Promise<Parsed[]> {
  const { Worker } = await import('node:worker_threads'); // see builtins.ts: not loaded by runs without workers
  const results: Parsed[] = new Array(jobs.length);
  let next = 0;
  const workers = Array.from(
    { length: Math.min(threads, jobs.length) },
    () =>
      new Worker(script, {
        argv: [PARSE_WORKER_FLAG],
        workerData: { seatmeterParseWorker: true, user },
        // bounded heaps: the whole run must stay within the memory budget
        resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 },
      })
  );
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= jobs.length) {
                resolve();
                return;
              }
              const id = next++;
              w.postMessage({ id, job: jobs[id] });
            };
            w.on('message', (r: Reply) => {
              if (r.error || !r.parsed) {
                reject(new Error(`parsing ${jobs[r.id].file.path}: ${r.error}`));
                return;
              }
              results[r.id] = { ...r.parsed, rows: unpackRows(r.strings!, r.rows!, user) };
              onDone();
              send();
            });
            w.on('error', reject);
            w.on('exit', (code) =>
              next < jobs.length || code !== 0 ? reject(new Error(`parse worker exited ${code}`)) : undefined
            );
            send();
          })
      )
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
