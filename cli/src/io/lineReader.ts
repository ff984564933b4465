import { closeSync, openSync, readSync } from 'node:fs';

/** Receives each complete line that contains at least one marker, as a byte range of `buf`. */
export interface LineConsumer {
  /** Byte strings a line must contain to be worth parsing (cheap pre-check before any decoding). */
  markers: Buffer[];
  /**
   * When set, a marker only counts within the first `window` bytes of a line, checked per line instead of
   * searched ahead (for formats whose discriminating field comes first, e.g. Codex's {"timestamp","type",...}).
   */
  window?: number;
  /** Return false when the line is malformed (it is then counted, never fatal). */
  line(buf: Buffer, start: number, end: number): boolean;
}

export interface ReadResult {
  /** Offset just past the last newline-terminated line (where an incremental re-read resumes). */
  endOffset: number;
  /** True when the file ended with an unterminated line (still being written). */
  unterminatedTail: boolean;
  lines: number;
  malformed: number;
}

const CHUNK = 4 << 20;
/** One read buffer reused across files (a fresh 4 MB per file piles up off-heap until a GC). */
let shared: Buffer | undefined;
const OPEN_BRACE = 0x7b;
const NEWLINE = 0x0a;

function isBlank(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0d;
}

/**
 * Streams a JSONL file from `fromOffset` with large buffered reads. A line is handed to the consumer only
 * when one of its markers occurs in it; the marker search runs ahead over the buffer natively, so lines that
 * cannot carry usage are never decoded. Lines that do not look like a JSON object are counted as malformed.
 */
export function readJsonLines(path: string, fromOffset: number, consumer: LineConsumer): ReadResult {
  const fd = openSync(path, 'r');
  let buf = shared ?? Buffer.allocUnsafe(CHUNK);
  shared = undefined; // not shared while in use (a consumer could start a nested read)
  let filled = 0; // bytes of valid data in buf
  let fileOffset = fromOffset; // file offset of buf[0]
  const result: ReadResult = { endOffset: fromOffset, unterminatedTail: false, lines: 0, malformed: 0 };
  try {
    for (;;) {
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2); // one line longer than the buffer
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = readSync(fd, buf, filled, buf.length - filled, fileOffset + filled);
      const eof = n === 0;
      filled += n;
      const consumed = processLines(buf, filled, eof, consumer, result);
      if (eof) {
        result.endOffset = fileOffset + consumed.terminatedEnd;
        break;
      }
      if (consumed.next > 0) {
        buf.copy(buf, 0, consumed.next, filled);
        fileOffset += consumed.next;
        filled -= consumed.next;
      }
    }
  } finally {
    closeSync(fd);
    shared = buf.length <= CHUNK * 4 ? buf : undefined;
  }
  return result;
}

function processLines(
  buf: Buffer,
  filled: number,
  eof: boolean,
  consumer: LineConsumer,
  result: ReadResult
): { next: number; terminatedEnd: number } {
  const markers = consumer.markers;
  const hits = markers.map(() => -2); // -2: not searched yet; -1: none ahead
  let pos = 0;
  let terminatedEnd = 0;
  while (pos < filled) {
    let nl = buf.indexOf(NEWLINE, pos);
    if (nl < 0 || nl >= filled) {
      if (!eof) {
        break; // incomplete line: keep for the next read
      }
      nl = filled;
      result.unterminatedTail = true;
    }
    let s = pos;
    let e = nl;
    while (s < e && isBlank(buf[s])) {
      s++;
    }
    while (e > s && isBlank(buf[e - 1])) {
      e--;
    }
    if (s < e) {
      result.lines++;
      if (buf[s] !== OPEN_BRACE || buf[e - 1] !== 0x7d) {
        result.malformed++;
      } else if (
        (consumer.window
          ? inWindow(buf, markers, s, Math.min(e, s + consumer.window))
          : containsMarker(buf, markers, hits, s, e, filled)) &&
        !consumer.line(buf, s, e)
      ) {
        result.malformed++;
      }
    }
    pos = nl + 1;
    if (nl < filled) {
      terminatedEnd = pos;
    }
  }
  return { next: Math.min(pos, filled), terminatedEnd };
}

function containsMarker(buf: Buffer, markers: Buffer[], hits: number[], s: number, e: number, filled: number): boolean {
  for (let i = 0; i < markers.length; i++) {
    let h = hits[i];
    if (h === -2 || (h >= 0 && h < s)) {
      h = buf.indexOf(markers[i], s);
      hits[i] = h >= filled ? -1 : h;
      h = hits[i];
    }
    if (h >= s && h < e) {
      return true;
    }
  }
  return false;
}

function inWindow(buf: Buffer, markers: Buffer[], s: number, e: number): boolean {
  const head = buf.subarray(s, e);
  for (const m of markers) {
    if (head.indexOf(m) >= 0) {
      return true;
    }
  }
  return false;
}
