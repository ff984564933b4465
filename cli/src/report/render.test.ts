import { int } from './render';

test('int prints integers as en-US toLocaleString does (and -0 as 0)', () => {
  const samples = [0, 7, 999, 1000, 12345, 999999, 1000000, 7016240812, -1234567, Number.MAX_SAFE_INTEGER];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 2000; i++) {
    samples.push(Math.floor(next() * 10 ** (1 + (i % 15))) * (i % 7 === 0 ? -1 : 1));
  }
  for (const n of samples) {
    expect(int(n)).toBe((n === 0 ? 0 : n).toLocaleString('en-US'));
  }
  expect(int(-0)).toBe('0');
  expect(int(1234.5)).toBe((1234.5).toLocaleString('en-US'));
});
