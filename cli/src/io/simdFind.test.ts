/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { rng } from '../testing/random';
import { createFinder } from './simdFind';

const NEEDLES = ['"usage"', 'ab', '"token_count"', '"session_meta"', 'aaab'];

describe.each([
  ['WebAssembly SIMD', true],
  ['Buffer#indexOf fallback', false],
])('find (%s)', (_name, simd) => {
  it('finds exactly what Buffer#indexOf finds within [from, end), on random text with planted needles', () => {
    const r = rng(5);
    const f = createFinder(1 << 12, simd);
    const ids = NEEDLES.map((n) => f.needle(Buffer.from(n)));
    let found = 0;
    for (let t = 0; t < 20000; t++) {
      const n = r.int(0, 300);
      let i = 0;
      while (i < n) {
        if (r.next() < 0.05) {
          const piece = Buffer.from(r.pick(NEEDLES));
          // whole, or cut short (a near miss)
          i += piece.copy(f.buf, i, 0, Math.min(piece.length - (r.next() < 0.5 ? 1 : 0), n - i));
        } else {
          f.buf[i++] = r.pick([0x22, 0x61, 0x62, 0x75, 0x73, 0x67, 0x65, 0x5f, 0x0a, 0x00, 0xff]);
        }
      }
      const k = r.int(0, NEEDLES.length - 1);
      const needle = Buffer.from(NEEDLES[k]);
      const from = r.int(0, n);
      const end = r.int(from, n);
      const want = f.buf.subarray(0, end).indexOf(needle, from);
      const got = f.find(ids[k], from, end);
      expect(got).toBe(want);
      found += got >= 0 ? 1 : 0;
    }
    expect(found).toBeGreaterThan(3000);
  });

  it('keeps the buffer contents when it grows, and still finds', () => {
    const f = createFinder(1024, simd);
    f.buf.fill(0);
    const id = f.needle(Buffer.from('"usage"'));
    f.buf.write('x"usage"', 100, 'latin1');
    f.grow(1 << 20, 200);
    f.buf.fill(0, 200);
    expect(f.buf.length).toBeGreaterThanOrEqual(1 << 20);
    expect(f.buf.toString('latin1', 100, 108)).toBe('x"usage"');
    f.buf.write('"usage"', (1 << 20) - 7, 'latin1');
    expect(f.find(id, 0, 200)).toBe(101);
    expect(f.find(id, 102, 1 << 20)).toBe((1 << 20) - 7);
    expect(f.find(id, 102, (1 << 20) - 1)).toBe(-1);
  });
});
