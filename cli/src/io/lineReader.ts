import { closeSync, openSync, readSync } from 'node:fs';
import { createFinder, Finder } from './simdFind';

/** Receives each complete line that contains at least one marker, as a byte range of `buf`. */
export interface LineConsumer {
  /** Byte strings a line must contain to be worth parsing (cheap pre-check before any decoding). */
  markers: Buffer[];
  /**
   * When set, a marker only counts within the first `window` bytes of a line, checked per line instead of
   * searched ahead (for formats whose discriminating field comes first, e.g. Codex's {"timestamp","type",...}).
   */
  window?: number;
  /**
   * Return false when the line is malformed (it is then counted, never fatal). `hint`: where a marker was found
   * in the line (the first one's first occurrence; -1 when not known).
   */
  line(buf: Buffer, start: number, end: number, hint?: number): boolean;
}

export interface ReadResult {
  /** Offset just past the last newline-terminated line (where an incremental re-read resumes). */
  endOffset: number;
  /** True when the file ended with an unterminated line (still being written). */
  unterminatedTail: boolean;
  lines: number;
  malformed: number;
  /** rows the reader already dropped as duplicates within the file (the native reader's collapse) */
  duplicates?: number;
}

const CHUNK = 4 << 20;
/** One read buffer (and marker search) reused across files (a fresh 4 MB per file piles up off-heap until a GC). */
let shared: Finder | undefined;
/** needle handles of the shared finder, by marker text */
const handles = new Map<string, number>();
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
  let finder = shared;
  shared = undefined; // not shared while in use (a consumer could start a nested read)
  if (!finder) {
    finder = createFinder(CHUNK);
    handles.clear();
  }
  const ids = consumer.markers.map((m) => {
    const key = m.toString('latin1');
    let id = handles.get(key);
    if (id === undefined) {
      id = finder!.needle(m);
      handles.set(key, id);
    }
    return id;
  });
  let buf = finder.buf;
  let filled = 0; // bytes of valid data in buf
  let fileOffset = fromOffset; // file offset of buf[0]
  const result: ReadResult = { endOffset: fromOffset, unterminatedTail: false, lines: 0, malformed: 0 };
  try {
    for (;;) {
      if (filled === buf.length) {
        finder.grow(buf.length * 2, filled); // one line longer than the buffer
        buf = finder.buf;
      }
      const n = readSync(fd, buf, filled, buf.length - filled, fileOffset + filled);
      const eof = n === 0;
      filled += n;
      const consumed = processLines(finder, ids, filled, eof, consumer, result);
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
    shared = buf.length <= CHUNK * 4 ? finder : undefined;
  }
  return result;
}

function processLines(
  finder: Finder,
  ids: number[],
  filled: number,
  eof: boolean,
  consumer: LineConsumer,
  result: ReadResult
): { next: number; terminatedEnd: number } {
  const buf = finder.buf;
  const hits = ids.map(() => -2); // -2: not searched yet; -1: none ahead
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
      } else {
        const hint = consumer.window
          ? inWindow(finder, ids, s, Math.min(e, s + consumer.window))
          : containsMarker(finder, ids, hits, s, e, filled);
        if (hint >= 0 && !consumer.line(buf, s, e, consumer.window ? -1 : hint)) {
          result.malformed++;
        }
      }
    }
    pos = nl + 1;
    if (nl < filled) {
      terminatedEnd = pos;
    }
  }
  return { next: Math.min(pos, filled), terminatedEnd };
}

/** Where the first marker that occurs in [s, e) is, or -1. */
function containsMarker(finder: Finder, ids: number[], hits: number[], s: number, e: number, filled: number): number {
  for (let i = 0; i < ids.length; i++) {
    let h = hits[i];
    if (h === -2 || (h >= 0 && h < s)) {
      h = hits[i] = finder.find(ids[i], s, filled);
    }
    if (h >= s && h < e) {
      return h;
    }
  }
  return -1;
}

function inWindow(finder: Finder, ids: number[], s: number, e: number): number {
  for (const id of ids) {
    const h = finder.find(id, s, e);
    if (h >= 0) {
      return h;
    }
  }
  return -1;
}
