// Standard output and error without Node's stream objects when they are pipes or files: creating
// process.stdout for a pipe loads the net and streams stack (~3 ms of every run), and a reader that went
// away (`seatmeter daily | head -1`) is then an EPIPE error event; here the output just stops.
import { fstatSync, writeSync } from 'node:fs';

export interface StdStream {
  write: (s: string) => void;
  isTTY: boolean;
  columns?: number;
  /** true while written text still waits in a stream's queue (a full pipe, a terminal on Windows) */
  pending: () => boolean;
}

/** fd 1 or 2: written with write(2) unless it may be a terminal (a character device: the stream is used). */
export function stdStream(fd: 1 | 2, stream: () => NodeJS.WriteStream): StdStream {
  let device = true;
  try {
    device = fstatSync(fd).isCharacterDevice();
  } catch {
    // closed: the stream decides
  }
  if (device) {
    const s = stream();
    return { write: (text) => void s.write(text), isTTY: s.isTTY === true, columns: s.isTTY ? s.columns : undefined, pending: () => s.writableLength > 0 };
  }
  let mode: 'sync' | 'stream' | 'gone' = 'sync';
  const write = (text: string) => {
    if (mode === 'stream') {
      stream().write(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    for (let off = 0; off < bytes.length && mode === 'sync'; ) {
      try {
        off += writeSync(fd, bytes, off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          mode = 'stream'; // a non-blocking pipe that is full: the stream waits for it
          stream().write(bytes.subarray(off));
        } else if (code === 'EPIPE') {
          mode = 'gone';
        } else {
          throw e;
        }
      }
    }
  };
  return { write, isTTY: false, pending: () => mode === 'stream' && stream().writableLength > 0 };
}
