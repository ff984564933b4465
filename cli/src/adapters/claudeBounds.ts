// Where the parts of a Claude Code assistant line the fast path (claudeFast.ts) reads start and end, found by
// looking at a few bytes only; the parse then checks everything it relies on.

const PARENT = Buffer.from('{"parentUuid":');
const TAIL_WINDOW = 256;

/**
 * Where the bytes after a leading `{"parentUuid":<null or plain string>,` start; -1 for any other start.
 * (parentUuid is not kept: two lines equal from there on read the same but for it.)
 */
export function afterParent(buf: Buffer, start: number, stop: number): number {
  if (stop - start < PARENT.length + 6 || buf.compare(PARENT, 0, PARENT.length, start, start + PARENT.length) !== 0) {
    return -1;
  }
  let i = start + PARENT.length;
  if (buf[i] === 0x6e && buf[i + 1] === 0x75 && buf[i + 2] === 0x6c && buf[i + 3] === 0x6c) {
    i += 4;
  } else if (buf[i] === 0x22) {
    i++;
    while (i < stop && buf[i] !== 0x22 && buf[i] >= 0x20 && buf[i] < 0x80 && buf[i] !== 0x5c) {
      i++;
    }
    if (i >= stop || buf[i] !== 0x22) {
      return -1;
    }
    i++;
  } else {
    return -1;
  }
  return buf[i] === 0x2c ? i + 1 : -1;
}

function isKeyChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/**
 * The `]` closing message.content: walking back from `,"usage":{` over the scalar members Claude Code writes
 * between content and usage (`,"stop_reason":"end_turn"`, `,"stop_sequence":null`, ...); -1 if none fits.
 */
export function contentClose(buf: Buffer, from: number, u: number): number {
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
