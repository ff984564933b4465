// Byte-level JSON reading for the fast paths: tokens as strict as JSON.parse's, read straight from the
// read buffer. The position lives in `st` (one parse at a time, synchronous); anything not as JSON.parse
// would accept throws REFUSE.

/** thrown (never an Error: no stack is captured) when the text is not what the fast path reads */
export const REFUSE = { refused: true };

export const st: { b: Buffer; p: number; end: number } = { b: Buffer.alloc(0), p: 0, end: 0 };

export function ws(): void {
  const buf = st.b;
  const e = st.end;
  let i = st.p;
  while (i < e) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) {
      break;
    }
    i++;
  }
  st.p = i;
}

/** The byte at the position, -1 past the end. */
export function at(): number {
  return st.p < st.end ? st.b[st.p] : -1;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** At a '"': moves past the string; returns whether it is plain (no escape, ASCII only). */
export function skipString(): boolean {
  const buf = st.b;
  const e = st.end;
  let i = st.p + 1;
  // the common case: printable ASCII up to the closing quote
  while (i < e) {
    const c = buf[i];
    if (c === 0x22) {
      st.p = i + 1;
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
      st.p = i + 1;
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
export const latin1: (buf: Buffer, s: number, e: number) => string =
  typeof (Buffer.prototype as Latin1).latin1Slice === 'function'
    ? (buf, s, e) => (buf as Latin1).latin1Slice!(s, e)
    : (buf, s, e) => buf.toString('latin1', s, e);

/** The last string read per slot: consecutive lines repeat session, cwd, branch and model. */
const last: string[] = [];

/** At a '"': the string's value (escapes and UTF-8 by JSON.parse); the same string object as last time in `slot` when equal. */
export function readString(slot: number): string {
  const s = st.p;
  const plain = skipString();
  const buf = st.b;
  if (!plain) {
    return JSON.parse(buf.toString('utf8', s, st.p)) as string;
  }
  const prev = last[slot];
  const n = st.p - 1 - (s + 1);
  if (prev !== undefined && prev.length === n) {
    let i = 0;
    while (i < n && prev.charCodeAt(i) === buf[s + 1 + i]) {
      i++;
    }
    if (i === n) {
      return prev;
    }
  }
  return (last[slot] = latin1(buf, s + 1, st.p - 1));
}

function digits(): number {
  const buf = st.b;
  const e = st.end;
  const s = st.p;
  let i = s;
  while (i < e && buf[i] >= 0x30 && buf[i] <= 0x39) {
    i++;
  }
  st.p = i;
  return i - s;
}

/** At a '-' or digit: the number, by JSON's grammar. */
export function readNumber(): number {
  const buf = st.b;
  const s = st.p;
  if (buf[s] === 0x2d) {
    st.p++;
  }
  const first = at();
  const n = digits();
  if (n === 0 || (first === 0x30 && n > 1)) {
    throw REFUSE;
  }
  let simple = n < 16;
  if (at() === 0x2e) {
    st.p++;
    simple = false;
    if (digits() === 0) {
      throw REFUSE;
    }
  }
  if (at() === 0x65 || at() === 0x45) {
    st.p++;
    simple = false;
    if (at() === 0x2b || at() === 0x2d) {
      st.p++;
    }
    if (digits() === 0) {
      throw REFUSE;
    }
  }
  if (!simple) {
    return Number(latin1(buf, s, st.p));
  }
  let v = 0;
  for (let i = buf[s] === 0x2d ? s + 1 : s; i < st.p; i++) {
    v = v * 10 + (buf[i] - 0x30);
  }
  return buf[s] === 0x2d ? -v : v;
}

/** At a 't', 'f' or 'n': the literal. */
export function literal(text: string, value: boolean | null): boolean | null {
  if (st.p + text.length > st.end) {
    throw REFUSE;
  }
  for (let i = 0; i < text.length; i++) {
    if (st.b[st.p + i] !== text.charCodeAt(i)) {
      throw REFUSE;
    }
  }
  st.p += text.length;
  return value;
}
