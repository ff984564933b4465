// Claude Code writes assistant lines as compact JSON whose bulk is `message.content`, followed by a few
// scalar message members and `message.usage` as the message's last member. The fast path reads the line as
// if the content array were cut out (`"content":null`): it finds the `]` closing the content by walking back
// from `,"usage":{` over scalar members only, then runs a small byte-level JSON parser over the head and the
// tail. The parser checks the whole cut line as strictly as JSON.parse does and builds only the members the
// usage row is made of (last duplicate key wins, strings with escapes or non-ASCII decoded by JSON.parse).
// Any line of another shape, or whose cut does not land on the message's first `content` member, returns
// undefined and the caller parses the whole line; so on every line that is valid JSON the result equals the
// full parse's (claudeFast.test.ts); a line damaged only inside message.content still yields its usage.

const MESSAGE = Buffer.from('"message":{');
const CONTENT = Buffer.from('"content":');
const USAGE = Buffer.from(',"usage":{');
const TAIL_WINDOW = 256;

/** The members each level keeps, by key; every other member is checked and skipped. */
const TOP = ['timestamp', 'sessionId', 'cwd', 'gitBranch', 'requestId', 'isSidechain', 'type', 'message'];
const MSG = ['id', 'model', 'usage', 'speed', 'content'];
const USG = [
  'input_tokens',
  'output_tokens',
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
  'cache_creation',
  'speed',
  'inference_geo',
];
const SPLIT = ['ephemeral_5m_input_tokens', 'ephemeral_1h_input_tokens'];
const NAMES = [TOP, MSG, USG, SPLIT];
const LEVELS = NAMES.map((keys) => keys.map((k) => Buffer.from(k)));
/** per level, by key length: the indexes of the kept keys of that length */
const BY_LENGTH = LEVELS.map((keys) => {
  const t: number[][] = Array.from({ length: 65 }, () => []);
  keys.forEach((k, i) => t[k.length].push(i));
  return t;
});
/** the level a kept object member is read at (-1: not an object we read into) */
const CHILD: Record<string, number> = { message: 1, usage: 2, cache_creation: 3 };
const CHILD_OF = NAMES.map((keys) => keys.map((k) => CHILD[k] ?? -1));
const MSG_LEVEL = 1;
const CONTENT_KEY = MSG.indexOf('content');

/** thrown (never an Error: no stack is captured) when the line is not what the fast path reads */
const REFUSE = { refused: true };
/** kept members whose value is an array, or an object not read into (all a usage row needs to know of them) */
const ARRAY_VALUE: readonly unknown[] = Object.freeze([]);
const OBJECT_VALUE: Readonly<Record<string, unknown>> = Object.freeze({});

let b: Buffer = Buffer.alloc(0);
let p = 0;
let end = 0;
let cutAt = 0;
let resumeAt = 0;
let cut = false;

function ws(): void {
  const buf = b;
  const e = end;
  let i = p;
  while (i < e) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) {
      break;
    }
    i++;
  }
  p = i;
}

/** The byte at p, -1 past the line. */
function at(): number {
  return p < end ? b[p] : -1;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** At a '"': moves past the string; returns whether it is plain (no escape, ASCII only). */
function skipString(): boolean {
  const buf = b;
  const e = end;
  let i = p + 1;
  // the common case: printable ASCII up to the closing quote
  while (i < e) {
    const c = buf[i];
    if (c === 0x22) {
      p = i + 1;
      return true;
    }
    if (c < 0x20 || c >= 0x80 || c === 0x5c) {
      break;
    }
    i++;
  }
  for (;;) {
    if (i >= e) {
      throw REFUSE;
    }
    const c = buf[i];
    if (c === 0x22) {
      p = i + 1;
      return false;
    }
    if (c < 0x20) {
      throw REFUSE;
    }
    if (c === 0x5c) {
      const x = buf[i + 1];
      if (x === 0x75) {
        if (i + 5 >= e || !isHex(buf[i + 2]) || !isHex(buf[i + 3]) || !isHex(buf[i + 4]) || !isHex(buf[i + 5])) {
          throw REFUSE;
        }
        i += 6;
        continue;
      }
      if (x !== 0x22 && x !== 0x5c && x !== 0x2f && x !== 0x62 && x !== 0x66 && x !== 0x6e && x !== 0x72 && x !== 0x74) {
        throw REFUSE;
      }
      i += 2;
      continue;
    }
    i++;
  }
}

/** buf.latin1Slice (Node's own, without toString's argument handling) where present */
type Latin1 = Buffer & { latin1Slice?: (s: number, e: number) => string };
const latin1: (buf: Buffer, s: number, e: number) => string =
  typeof (Buffer.prototype as Latin1).latin1Slice === 'function'
    ? (buf, s, e) => (buf as Latin1).latin1Slice!(s, e)
    : (buf, s, e) => buf.toString('latin1', s, e);

/** The last string read per kept member: consecutive lines repeat session, cwd, branch and model. */
const last: string[] = [];

function readString(slot: number): string {
  const s = p;
  const plain = skipString();
  if (!plain) {
    return JSON.parse(b.toString('utf8', s, p)) as string;
  }
  const prev = last[slot];
  const n = p - 1 - (s + 1);
  if (prev !== undefined && prev.length === n) {
    const buf = b;
    let i = 0;
    while (i < n && prev.charCodeAt(i) === buf[s + 1 + i]) {
      i++;
    }
    if (i === n) {
      return prev;
    }
  }
  return (last[slot] = latin1(b, s + 1, p - 1));
}

function digits(): number {
  const buf = b;
  const e = end;
  const s = p;
  let i = s;
  while (i < e && buf[i] >= 0x30 && buf[i] <= 0x39) {
    i++;
  }
  p = i;
  return i - s;
}

function readNumber(): number {
  const s = p;
  if (b[p] === 0x2d) {
    p++;
  }
  const first = at();
  const n = digits();
  if (n === 0 || (first === 0x30 && n > 1)) {
    throw REFUSE;
  }
  let simple = n < 16;
  if (at() === 0x2e) {
    p++;
    simple = false;
    if (digits() === 0) {
      throw REFUSE;
    }
  }
  if (at() === 0x65 || at() === 0x45) {
    p++;
    simple = false;
    if (at() === 0x2b || at() === 0x2d) {
      p++;
    }
    if (digits() === 0) {
      throw REFUSE;
    }
  }
  if (!simple) {
    return Number(latin1(b, s, p));
  }
  let v = 0;
  for (let i = b[s] === 0x2d ? s + 1 : s; i < p; i++) {
    v = v * 10 + (b[i] - 0x30);
  }
  return b[s] === 0x2d ? -v : v;
}

function literal(text: string, value: boolean | null): boolean | null {
  if (p + text.length > end) {
    throw REFUSE;
  }
  for (let i = 0; i < text.length; i++) {
    if (b[p + i] !== text.charCodeAt(i)) {
      throw REFUSE;
    }
  }
  p += text.length;
  return value;
}

/** Which kept key of `level` the key string s..q (quotes excluded, no escapes) is; -1 for none. */
function keyIndex(level: number, s: number, q: number): number {
  const n = q - s;
  if (n > 64) {
    return -1;
  }
  const buf = b;
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
  const s = p;
  const plain = skipString();
  if (plain) {
    return keyIndex(level, s + 1, p - 1);
  }
  const text = JSON.parse(b.toString('utf8', s, p)) as string; // e.g. "\u0075sage" is the key usage
  return NAMES[level].indexOf(text);
}

// Objects of one shape per level (named stores stay monomorphic); absent members stay undefined.
function create(level: number): Record<string, unknown> {
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
  p++;
  ws();
  if (at() === 0x5d) {
    p++;
    return;
  }
  for (;;) {
    if (!cut && p > cutAt) {
      throw REFUSE; // the content cut is not where this parse is
    }
    value(false, -1);
    ws();
    const c = at();
    p++;
    if (c === 0x5d) {
      return;
    }
    if (c !== 0x2c) {
      throw REFUSE;
    }
  }
}

/** An object; at `level` >= 0 its kept members are returned, else it is only checked. */
function object(level: number): Record<string, unknown> | undefined {
  p++;
  const out = level >= 0 ? create(level) : undefined;
  const names = level >= 0 ? NAMES[level] : undefined;
  ws();
  if (at() === 0x7d) {
    p++;
    return out;
  }
  for (;;) {
    if (!cut && p > cutAt) {
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
    p++;
    if (k < 0) {
      value(false, -1);
    } else if (level === MSG_LEVEL && k === CONTENT_KEY && !cut) {
      ws();
      if (p !== cutAt) {
        throw REFUSE;
      }
      cut = true;
      p = resumeAt;
      out![names![k]] = null;
    } else {
      out![names![k]] = value(true, CHILD_OF[level][k], level * 8 + k);
    }
    ws();
    const c = at();
    p++;
    if (c === 0x7d) {
      return out;
    }
    if (c !== 0x2c) {
      throw REFUSE;
    }
  }
}

function isKeyChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/**
 * The `]` closing message.content: walking back from `,"usage":{` over the scalar members Claude Code writes
 * between content and usage (`,"stop_reason":"end_turn"`, `,"stop_sequence":null`, ...); -1 if none fits.
 */
function contentClose(buf: Buffer, from: number, u: number): number {
  const low = Math.max(from, u - TAIL_WINDOW);
  let q = u - 1;
  while (q >= low) {
    const c = buf[q];
    if (c === 0x5d) {
      return q;
    }
    // a scalar value ending at q
    if (c === 0x22) {
      q--;
      while (q >= low && (isKeyChar(buf[q]) || buf[q] === 0x20 || buf[q] === 0x2d)) {
        q--;
      }
      if (q < low || buf[q] !== 0x22) {
        return -1;
      }
      q--;
    } else {
      const s = q;
      while (q >= low && ((buf[q] >= 0x30 && buf[q] <= 0x39) || buf[q] === 0x2e || buf[q] === 0x2d || isKeyChar(buf[q]))) {
        q--;
      }
      if (q === s) {
        return -1;
      }
    }
    // ':' then a "key" then ','
    if (q < low || buf[q] !== 0x3a || buf[q - 1] !== 0x22) {
      return -1;
    }
    q -= 2;
    const keyEnd = q;
    while (q >= low && isKeyChar(buf[q])) {
      q--;
    }
    if (q === keyEnd || q - 1 < low || buf[q] !== 0x22 || buf[q - 1] !== 0x2c) {
      return -1;
    }
    q -= 2;
  }
  return -1;
}

export function extractClaudeLine(buf: Buffer, start: number, stop: number): Record<string, unknown> | undefined {
  const m = buf.indexOf(MESSAGE, start);
  if (m < 0 || m >= stop) {
    return undefined;
  }
  const c = buf.indexOf(CONTENT, m);
  const u = buf.lastIndexOf(USAGE, stop);
  if (c < 0 || u < 0 || u <= c || u >= stop) {
    return undefined;
  }
  const close = contentClose(buf, c + CONTENT.length, u);
  if (close < 0) {
    return undefined;
  }
  b = buf;
  p = start;
  end = stop;
  cutAt = c + CONTENT.length;
  resumeAt = close + 1;
  cut = false;
  let e: Record<string, unknown> | undefined;
  try {
    ws();
    if (at() !== 0x7b) {
      return undefined;
    }
    e = object(0);
    ws();
    if (p !== end || !cut) {
      return undefined;
    }
  } catch {
    return undefined; // not this shape (or nested too deep for this parser): the full parse decides
  } finally {
    b = Buffer.alloc(0);
  }
  const msg = e!.message as Record<string, unknown> | undefined;
  if (e!.type !== 'assistant' || !msg || typeof msg !== 'object' || Array.isArray(msg) || msg.content !== null) {
    return undefined;
  }
  return e;
}
