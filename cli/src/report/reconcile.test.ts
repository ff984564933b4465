/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { emptyTotals } from './aggregate';
import { check } from './reconcile';

describe('reconcile.check', () => {
  const total = emptyTotals();
  total.tokens.input = 10;
  total.totalTokens = 10;
  total.costUSD = 0.3;
  const bucket = (input: number, cost: number) => {
    const t = emptyTotals();
    t.tokens.input = input;
    t.totalTokens = input;
    t.costUSD = cost;
    return t;
  };
  it('accepts buckets summing to the total (cost within float epsilon)', () => {
    expect(check('model', [bucket(3, 0.1), bucket(7, 0.2)], total).ok).toBe(true);
  });
  it('flags token and cost mismatches by field', () => {
    expect(check('model', [bucket(3, 0.1), bucket(6, 0.2)], total).mismatched).toEqual(['input', 'totalTokens']);
    expect(check('model', [bucket(3, 0.1), bucket(7, 0.25)], total).mismatched).toEqual(['costUSD']);
  });
});
