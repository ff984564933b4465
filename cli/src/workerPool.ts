import type { MessagePort } from 'node:worker_threads';
import { FoundFile } from './io/discover';
import { CachedFile, packRows, RAW_STRING_FIELD, STRIDE, unpackRows } from './io/scanCache';
import { Parsed, parseFile } from './parseFile';
import { AgentId } from './usage';

/** In a parse worker's argv (bin.ts looks for it before loading node:worker_threads). */
export const PARSE_WORKER_FLAG = '--seatmeter-parse-worker';

export interface Job {
  agent: AgentId;
  file: FoundFile;
  prev?: CachedFile;
}

/** What a worker is started with: every job, the order to take them in, and the shared next-job counter. */
export interface WorkerSetup {
  seatmeterParseWorker: true;
  user: string;
  /** an incremental cache is kept (its entries need the file's head hash) */
  withCache: boolean;
  jobs: Job[];
  order: number[];
  counter: SharedArrayBuffer;
}

interface Reply {
  id: number;
  error?: string;
  /** the worker took no job this time: every job is taken */
  done?: boolean;
  parsed?: Omit<Parsed, 'rows'>;
  strings?: string[];
  numbers?: Float64Array;
}

/** Rows packed as one string table and one Float64Array (a structured clone of those is a copy, not a walk). */
function packForTransfer(rows: Parsed['rows']): { strings: string[]; numbers: Float64Array } {
  const { strings, rows: flat } = packRows(rows);
  const numbers = new Float64Array(flat.length);
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    numbers[i] = typeof v === 'number' ? v : strings.push(v) - 1; // the one raw string field: a table index
  }
  return { strings, numbers };
}

function unpackTransfer(strings: string[], numbers: Float64Array, user: string): Parsed['rows'] {
  const flat: Array<number | string> = new Array(numbers.length);
  for (let i = 0; i < numbers.length; i++) {
    flat[i] = i % STRIDE === RAW_STRING_FIELD ? strings[numbers[i]] : numbers[i];
  }
  return unpackRows(strings, flat, user);
}

/** Takes the next job of `order` off the shared counter; -1 when none is left. */
function claim(counter: Int32Array, order: number[]): number {
  const k = Atomics.add(counter, 0, 1);
  return k < order.length ? order[k] : -1;
}

/** The worker side: takes jobs off the shared counter until none is left, answering each with its rows. */
export function serveParseJobs(port: MessagePort, setup: WorkerSetup): void {
  const counter = new Int32Array(setup.counter);
  for (;;) {
    const id = claim(counter, setup.order);
    if (id < 0) {
      port.postMessage({ id: -1, done: true } satisfies Reply);
      return;
    }
    const job = setup.jobs[id];
    try {
      const { rows, ...parsed } = parseFile(job.agent, job.file, job.prev, setup.user, setup.withCache);
      const packed = packForTransfer(rows);
      port.postMessage({ id, parsed, ...packed } satisfies Reply, [packed.numbers.buffer as ArrayBuffer]);
    } catch (e) {
      port.postMessage({ id, error: String((e as Error).stack ?? e) } satisfies Reply);
      return;
    }
  }
}

/**
 * Parses jobs on this thread and `threads - 1` worker threads running `script` (the CLI bundle itself, which
 * serves jobs when started as a worker). Every thread takes the next job (largest files first) off one shared
 * counter, so none waits while another has work. Results come back in job order; `onDone` fires as each
 * finishes (progress).
 */
export async function parseInWorkers(
  script: string,
  threads: number,
  jobs: Job[],
  ctx: { user: string; withCache: boolean },
  onDone: () => void
): Promise<Parsed[]> {
  const { user, withCache } = ctx;
  const { Worker } = await import('node:worker_threads'); // see builtins.ts: not loaded by runs without workers
  const results: Parsed[] = new Array(jobs.length);
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b].file.size - jobs[a].file.size || a - b);
  const setup: WorkerSetup = { seatmeterParseWorker: true, user, withCache, jobs, order, counter: new SharedArrayBuffer(4) };
  const counter = new Int32Array(setup.counter);
  const workers = Array.from(
    { length: Math.min(threads, jobs.length) - 1 },
    () =>
      new Worker(script, {
        argv: [PARSE_WORKER_FLAG],
        workerData: setup,
        // bounded heaps: the whole run must stay within the memory budget
        resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 },
      })
  );
  const finished = workers.map(
    (w) =>
      new Promise<void>((resolve, reject) => {
        w.on('message', (r: Reply) => {
          if (r.done) {
            resolve();
            return;
          }
          if (r.error || !r.parsed) {
            reject(new Error(`parsing ${jobs[r.id].file.path}: ${r.error}`));
            return;
          }
          results[r.id] = { ...r.parsed, rows: unpackTransfer(r.strings!, r.numbers!, user) };
          onDone();
        });
        w.on('error', reject);
        w.on('exit', (code) => reject(new Error(`parse worker exited ${code}`))); // after 'done' this is a no-op
      })
  );
  finished.forEach((f) => f.catch(() => undefined)); // observed below; a rejection before then is not unhandled
  try {
    for (let id = claim(counter, order); id >= 0; id = claim(counter, order)) {
      const j = jobs[id];
      results[id] = parseFile(j.agent, j.file, j.prev, user, withCache);
      onDone();
    }
    await Promise.all(finished);
  } finally {
    Atomics.store(counter, 0, order.length); // on an error: workers take nothing more
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
