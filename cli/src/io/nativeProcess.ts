// One run of the native reader (cmd/seatmeter-scan): the request goes to its stdin as JSON and its frames —
// u32 job | u32 body length | body — come back on stdout, each handed over whole, in order.
import { childProcess } from '../builtins';

/** internal/claudescan.FormatVersion the decoders read */
export const NATIVE_FORMAT = 7;

/** readers started and not exited yet */
const running = new Set<Promise<void>>();

/**
 * Resolves when every reader started has exited (or after `limitMs`): the CLI exits as soon as its output is
 * written, and a reader that has sent its last frame is left to finish its own exit first, so that no
 * reader outlives the CLI (and a parent timing the CLI counts the reader's CPU and memory).
 */
export function readersExited(limitMs = 2000): Promise<void> {
  if (!running.size) {
    return Promise.resolve();
  }
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)));
  return Promise.race([Promise.all(running).then(() => undefined), limit]).finally(() => clearTimeout(timer));
}

export interface ReaderRun {
  /** stop listening (the reader is left to exit: it has nothing more to say) */
  stop(): void;
}

/**
 * Starts the reader; `onFrame` gets each frame's job and body (valid only during the call), `onEnd` is called
 * once when the reader cannot start, dies or closes its output, unless stopped first.
 */
export function startReader(binary: string, request: unknown, onFrame: (job: number, body: Buffer) => void, onEnd: () => void): ReaderRun {
  let ended = false;
  const end = () => {
    if (!ended) {
      ended = true;
      onEnd();
    }
  };
  let child;
  try {
    child = childProcess().spawn(binary, ['-format', String(NATIVE_FORMAT)], { stdio: ['pipe', 'pipe', 'ignore'] });
  } catch {
    queueMicrotask(end);
    return { stop: () => (ended = true) };
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()).once('error', () => resolve()));
  running.add(exited);
  void exited.then(() => running.delete(exited));
  // bytes received and not yet read as whole frames: acc[0, have)
  let acc = Buffer.allocUnsafe(1 << 20);
  let have = 0;
  child.on('error', end);
  child.stdin.on('error', () => undefined); // a reader that died early: its jobs are read in TypeScript
  child.stdout.on('data', (chunk: Buffer) => {
    if (have + chunk.length > acc.length) {
      const grown = Buffer.allocUnsafe(Math.max(acc.length * 2, have + chunk.length));
      acc.copy(grown, 0, 0, have);
      acc = grown;
    }
    chunk.copy(acc, have);
    have += chunk.length;
    let p = 0;
    while (have - p >= 8 && !ended) {
      const job = acc.readUInt32LE(p);
      const size = acc.readUInt32LE(p + 4);
      if (have - p - 8 < size) {
        break;
      }
      onFrame(job, acc.subarray(p + 8, p + 8 + size));
      p += 8 + size;
    }
    acc.copyWithin(0, p, have);
    have -= p;
  });
  child.on('close', end);
  child.stdin.end(JSON.stringify(request));
  return {
    stop() {
      ended = true;
      child.stdout.destroy();
    },
  };
}
