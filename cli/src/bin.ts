import { readersExited } from './io/nativeProcess';
import { stdStream } from './io/stdio';
import { run } from './main';
import { PARSE_WORKER_FLAG, serveParseJobs } from './workerPool';

function main(): void {
  const stop = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

  const out = stdStream(1, () => process.stdout);
  const err = stdStream(2, () => process.stderr);
  run({
    argv: process.argv.slice(2),
    env: process.env,
    stdout: out.write,
    stderr: err.write,
    stderrIsTTY: err.isTTY,
    columns: out.isTTY ? out.columns || 120 : 200,
    stopSignal: stop,
    workerScript: process.argv[1],
  }).then(
    async (code) => {
      await readersExited();
      if (!out.pending() && !err.pending()) {
        // Everything is written: exit now. Left to itself, Node finishes V8's pending incremental GC first,
        // ~10 ms of a scan's wall time that serves nothing.
        process.exit(code);
      }
      process.exitCode = code;
      // the signal listeners must not keep a finished one-shot run alive
      process.removeAllListeners('SIGINT');
      process.removeAllListeners('SIGTERM');
    },
    (e) => {
      process.stderr.write(`seatmeter: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 1;
    }
  );
}

// node:worker_threads is loaded only in threads started as parse workers (see builtins.ts for why)
if (process.argv.includes(PARSE_WORKER_FLAG)) {
  import('node:worker_threads').then(({ isMainThread, parentPort, workerData }) => {
    if (!isMainThread && workerData?.seatmeterParseWorker) {
      serveParseJobs(parentPort!, workerData);
    } else {
      main();
    }
  });
} else {
  main();
}
