/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { rng } from '../testing/random';
import { isoToMs } from './types';

describe('isoToMs', () => {
  it('equals Date.parse on timestamps of the agents’ form and on near misses', () => {
    const r = rng(47);
    const two = (lo: number, hi: number) => String(r.int(lo, hi)).padStart(2, '0');
    for (let i = 0; i < 50000; i++) {
      const day = `${r.pick(['2026', '2024', '1999', '0000', '+02026'])}-${two(0, 13)}-${two(0, 32)}`;
      const time = `${two(0, 25)}:${two(0, 61)}:${two(0, 61)}.${String(r.int(0, 999)).padStart(3, '0')}`;
      let s = `${day}T${time}${r.pick(['Z', 'Z', 'Z', '+01:00', 'z', ''])}`;
      if (r.next() < 0.05) {
        s = s.replace(/\d/, r.pick(['x', ' ', '']));
      }
      const want = Date.parse(s);
      expect(isoToMs(s)).toEqual(Number.isFinite(want) ? want : NaN);
    }
  });
});
