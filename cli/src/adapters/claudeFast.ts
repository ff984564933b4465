// Claude Code writes assistant lines as compact JSON whose bulk is `message.content`, followed by a few
// scalar message members and `message.usage` as the message's last member. The fast path reads the line as
// if the content array were cut out (`"content":null`): it finds the `]` closing the content by walking back
// from `,"usage":{` over scalar members only, then reads the head and the tail with a byte-level JSON parser
// (jsonScan.ts) that checks the whole cut line as strictly as JSON.parse does and builds only the members the
// usage row is made of (last duplicate key wins). Consecutive lines of one message repeat the head but for
// `parentUuid`, which is not kept: a head whose bytes after that member equal the last one's is not read again.
// Any line of another shape, or whose cut does not land on the message's first `content` member, returns
// undefined and the caller parses the whole line; so on every line that is valid JSON the result equals the
// full parse's (claudeFast.test.ts); a line damaged only inside message.content still yields its usage.
import { afterParent, contentClose } from './claudeBounds';
import { at, literal, readNumber, readString, REFUSE, skipString, st, ws } from './jsonScan';

const USAGE = Buffer.from(',"usage":{');
/**
 * How Claude Code's usage lines begin. Found inside the content that is skipped, it is a line cut short with
 * the next one glued to it (a crash mid-write): the head is one message's, the tail another's, so the line
 * is refused here (and JSON.parse then counts it malformed).
 */
const LINE_START = Buffer.from('{"parentUuid":');

/** The members each level keeps, by key; every other member is checked and skipped. */
const TOP = ['timestamp', 'sessionId', 'cwd', 'gitBranch', 'requestId', 'isSidechain', 'type', 'message'];
const MSG = ['id', 'model', 'usage', 'speed', 'content'];
const USG = ['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens', 'cache_creation', 'speed', 'inference_geo'];
const SPLIT = ['ephemeral_5m_input_tokens', 'ephemeral_1h_input_tokens'];
/** the members kept per level (the native reader, internal/claudescan, sends them in this order) */
export const NAMES = [TOP, MSG, USG, SPLIT];
const LEVELS = NAMES.map((keys) => keys.map((k) => Buffer.from(k)));
/** per level, by key length: the indexes of the kept keys of that length */
const BY_LENGTH = LEVELS.map((keys) => {
  const t: number[][] = Array.from({ length: 65 }, () => []);
  keys.forEach((k, i) => t[k.length].push(i));
  return t;
});
/** the level a kept object member is read at (-1: not an object we read into) */
const CHILD: Record<string, number> = { message: 1, usage: 2, cache_creation: 3 };
export const CHILD_OF = NAMES.map((keys) => keys.map((k) => CHILD[k] ?? -1));
const MSG_LEVEL = 1;
const CONTENT_KEY = MSG.indexOf('content');

/** kept members whose value is an array, or an object not read into (all a usage row needs to know of them) */
export const ARRAY_VALUE: readonly unknown[] = Object.freeze([]);
export const OBJECT_VALUE: Readonly<Record<string, unknown>> = Object.freeze({});

const EMPTY = Buffer.alloc(0);
/** where message.content's value starts (found by the parse) and where the line goes on after it */
let cutAt = 0;
let resumeAt = 0;
let cut = false;
/** the top-level object being read (its members so far are part of the head) */
let top: Record<string, unknown> = {};

/** The last head read: its bytes from after the parentUuid member to the cut, and what they held. */
const head = { bytes: Buffer.alloc(0), len: -1, top: {} as Record<string, unknown>, msg: {} as Record<string, unknown> };
/** where the bytes after the parentUuid member start in this line (-1: no such head) */
let headFrom = -1;


/** Which kept key of `level` the key string s..q (quotes excluded, no escapes) is; -1 for none. */
function keyIndex(level: number, s: number, q: number): number {
  const n = q - s;
  if (n > 64) {
    return -1;
  }
  const buf = st.b;
  const keys = LEVELS[level];
  const same = BY_LENGTH[level][n];
  for (let j = 0; j < same.length; j++) {
    const key = keys[same[j]];
    let i = 0;
    while (i < n && key[i] === buf[s + i]) {
      i++;
    }
    if (i === n) {
      return same[j];
    }
  }
  return -1;
}

function keyOf(level: number): number {
  const s = st.p;
  const plain = skipString();
  if (plain) {
    return keyIndex(level, s + 1, st.p - 1);
  }
  const text = JSON.parse(st.b.toString('utf8', s, st.p)) as string; // e.g. "\u0075sage" is the key usage
  return NAMES[level].indexOf(text);
}

// Objects of one shape per level (named stores stay monomorphic); absent members stay undefined.
export function create(level: number): Record<string, unknown> {
  switch (level) {
    case 0:
      return { timestamp: undefined, sessionId: undefined, cwd: undefined, gitBranch: undefined, requestId: undefined, isSidechain: undefined, type: undefined, message: undefined };
    case 1:
      return { id: undefined, model: undefined, usage: undefined, speed: undefined, content: undefined };
    case 2:
      return { input_tokens: undefined, output_tokens: undefined, cache_read_input_tokens: undefined, cache_creation_input_tokens: undefined, cache_creation: undefined, speed: undefined, inference_geo: undefined };
    default:
      return { ephemeral_5m_input_tokens: undefined, ephemeral_1h_input_tokens: undefined };
  }
}

/** A value; kept (read) when `level` >= 0 for objects, or `keep` for scalars (strings: remembered in `slot`). */
function value(keep: boolean, level: number, slot = 0): unknown {
  ws();
  const c = at();
  if (c === 0x22) {
    if (keep) {
      return readString(slot);
    }
    skipString();
    return undefined;
  }
  if (c === 0x7b) {
    const o = object(keep ? level : -1);
    return keep ? (o ?? OBJECT_VALUE) : undefined;
  }
  if (c === 0x5b) {
    array();
    return ARRAY_VALUE;
  }
  if (c === 0x74) {
    return literal('true', true);
  }
  if (c === 0x66) {
    return literal('false', false);
  }
  if (c === 0x6e) {
    return literal('null', null);
  }
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
    return readNumber();
  }
  throw REFUSE;
}

function array(): void {
  st.p++;
  ws();
  if (at() === 0x5d) {
    st.p++;
    return;
  }
  for (;;) {
    if (!cut && st.p > resumeAt) {
      throw REFUSE; // past the content's end without having met it
    }
    value(false, -1);
    if (closes(0x5d)) {
      return;
    }
  }
}

/** After a value: true at the closing bracket `close`, false at a ',' (both passed); anything else refuses. */
function closes(close: number): boolean {
  ws();
  const c = at();
  st.p++;
  if (c === close) {
    return true;
  }
  if (c !== 0x2c) {
    throw REFUSE;
  }
  return false;
}

/** An object; at `level` >= 0 its kept members are returned, else it is only checked. */
function object(level: number): Record<string, unknown> | undefined {
  st.p++;
  const out = level >= 0 ? create(level) : undefined;
  if (level === 0) {
    top = out!;
  }
  ws();
  if (at() === 0x7d) {
    st.p++;
    return out;
  }
  members(level, out);
  return out;
}

/** The members of an object from a key on (`afterValue`: from just after a member's value) to its '}'. */
function members(level: number, out: Record<string, unknown> | undefined, afterValue = false): void {
  const names = level >= 0 ? NAMES[level] : undefined;
  for (;;) {
    if (afterValue) {
      if (closes(0x7d)) {
        return;
      }
      ws();
    }
    afterValue = true;
    if (!cut && st.p > resumeAt) {
      throw REFUSE;
    }
    if (at() !== 0x22) {
      throw REFUSE;
    }
    const k = level >= 0 ? keyOf(level) : (skipString(), -1);
    ws();
    if (at() !== 0x3a) {
      throw REFUSE;
    }
    st.p++;
    if (k < 0) {
      value(false, -1);
    } else if (level === MSG_LEVEL && k === CONTENT_KEY && !cut) {
      ws();
      if (st.p >= resumeAt || st.b[st.p] !== 0x5b) {
        throw REFUSE; // content is an array ending at the ']' found from the tail
      }
      cutAt = st.p;
      cut = true;
      out!.content = null;
      if (headFrom >= 0) {
        keepHead(out!);
      }
      st.p = resumeAt;
    } else {
      out![names![k]] = value(true, CHILD_OF[level][k], level * 8 + k);
    }
  }
}

/** Copies bytes [from, to) of the line into `into` (grown as needed). */
function remember(into: { bytes: Buffer; len: number }, from: number, to: number): void {
  if (into.bytes.length < to - from) {
    into.bytes = Buffer.alloc(Math.max(to - from, 1024));
  }
  st.b.copy(into.bytes, 0, from, to);
  into.len = to - from;
}

/** Remembers this line's head (bytes from headFrom to the cut) and the members it held. */
function keepHead(msg: Record<string, unknown>): void {
  remember(head, headFrom, cutAt);
  head.top = { ...top };
  head.msg = { ...msg };
}

/** The row members of the line, reading `,"usage":{` at u as message.usage; undefined to refuse. */
function extract(buf: Buffer, start: number, stop: number, u: number): Record<string, unknown> | undefined {
  const close = contentClose(buf, start, u);
  if (close < 0) {
    return undefined;
  }
  st.b = buf;
  st.p = start;
  st.end = stop;
  resumeAt = close + 1;
  cut = false;
  headFrom = afterParent(buf, start, close);
  let e: Record<string, unknown>;
  try {
    const n = head.len;
    if (headFrom >= 0 && headFrom + n < close && buf[headFrom + n] === 0x5b && buf.compare(head.bytes, 0, n, headFrom, headFrom + n) === 0) {
      // the last head again: its members, then the tail after the content
      cut = true;
      cutAt = headFrom + n;
      e = { ...head.top };
      const msg = { ...head.msg };
      st.p = resumeAt;
      members(MSG_LEVEL, msg, true);
      e.message = msg;
      members(0, e, true);
    } else {
      ws();
      if (at() !== 0x7b) {
        return undefined;
      }
      e = object(0)!;
    }
    ws();
    if (st.p !== stop || !cut || buf.subarray(cutAt, resumeAt).indexOf(LINE_START) >= 0) {
      return undefined;
    }
  } catch {
    return undefined; // not this shape (or nested too deep for this parser): the full parse decides
  } finally {
    st.b = EMPTY;
  }
  const msg = e.message as Record<string, unknown> | undefined;
  if (e.type !== 'assistant' || !msg || typeof msg !== 'object' || Array.isArray(msg) || msg.content !== null) {
    return undefined;
  }
  return e;
}

/**
 * The line's members as JSON.parse would read them (only those a usage row is made of), or undefined when
 * the line is not of the shape read here. `hint`: where the line's first `"usage"` is, when known.
 */
export function extractClaudeLine(buf: Buffer, start: number, stop: number, hint = -1): Record<string, unknown> | undefined {
  // the first "usage" is message.usage on nearly every line; a tool input holding a usage key is the exception
  const h = hint - 1;
  const first = h > start && h + USAGE.length < stop && buf.compare(USAGE, 0, USAGE.length, h, h + USAGE.length) === 0 ? h : -1;
  const got = first >= 0 ? extract(buf, start, stop, first) : undefined;
  if (got !== undefined) {
    return got;
  }
  const u = buf.lastIndexOf(USAGE, stop - USAGE.length);
  return u > start && u !== first ? extract(buf, start, stop, u) : undefined;
}
