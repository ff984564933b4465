/** Deterministic PRNG (mulberry32) for property and fuzz tests. */
export function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)];
  return { next, int, pick };
}

const NASTY = ['"usage":{"input_tokens":999}', ',"usage":{', '"content":', '],"stop_reason":null', '"type":"assistant"',
  '\\', '"', '{', '}', '[', ']', 'é', '日本', '🙂', '\n', '\u0000', ',"message":{'];

/** Text mixing ordinary words with fragments that look like the JSON the parsers search for. */
export function nastyText(r: ReturnType<typeof rng>, n: number): string {
  let s = '';
  while (s.length < n) {
    s += r.next() < 0.3 ? r.pick(NASTY) : r.pick(['const', 'usage', 'model', ' ', 'x', 'tokens', '42']);
  }
  return s;
}

/** Random byte-level damage: truncation, deletion, duplication, flipped bytes. */
export function mutate(r: ReturnType<typeof rng>, line: string): string {
  const b = Buffer.from(line);
  switch (r.int(0, 3)) {
    case 0:
      return b.subarray(0, r.int(0, b.length)).toString('latin1');
    case 1: {
      const i = r.int(0, b.length);
      return b.toString('latin1', 0, i) + b.toString('latin1', Math.min(b.length, i + r.int(1, 20)));
    }
    case 2: {
      const i = r.int(0, b.length);
      return b.toString('latin1', 0, i) + b.toString('latin1', i - r.int(0, i));
    }
    default:
      for (let k = r.int(1, 5); k > 0; k--) {
        b[r.int(0, b.length - 1)] = r.int(0, 255);
      }
      return b.toString('latin1');
  }
}
