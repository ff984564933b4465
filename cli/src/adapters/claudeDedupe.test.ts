/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { rng } from '../testing/random';
import { zeroTokens } from '../usage';
import { dedupeClaude } from './claude';
import { RawRow } from './types';

/** The rule spelled out: per key the largest row (main chain on a tie, else the first), sidechain replays collapsed. */
function reference(rows: RawRow[]): RawRow[] {
  const size = (r: RawRow) => r.tokens.input + r.tokens.output + r.tokens.cacheRead;
  const keys = [...new Set(rows.filter((r) => r.key).map((r) => r.key))];
  const winners = keys.map((k) =>
    rows.filter((r) => r.key === k).reduce((a, b) => (size(a) !== size(b) ? (size(a) > size(b) ? a : b) : a.sidechain && !b.sidechain ? b : a))
  );
  const main = new Set(winners.filter((r) => !r.sidechain).map((r) => r.messageId));
  return [...rows.filter((r) => !r.key), ...winners.filter((r) => !(r.sidechain && main.has(r.messageId)))];
}

describe('dedupeClaude', () => {
  it('follows the rule on runs of one message and on interleaved keys', () => {
    const r = rng(59);
    for (let t = 0; t < 300; t++) {
      const rows: RawRow[] = [];
      let id = 0;
      for (let i = 0; i < 60; i++) {
        id = r.next() < 0.6 ? id : r.int(0, 8); // mostly runs of one message, sometimes back to an earlier one
        const messageId = id === 0 ? '' : `m${id}`;
        const key = messageId ? `${messageId}\u0000req_${id % 3}` : '';
        const tokens = { ...zeroTokens(), input: r.int(0, 3), output: r.int(0, 3) };
        rows.push({ agent: 'claude-code', model: 'x', timestamp: i, session: 's', project: 'p', branch: '', user: 'u', tokens, key, messageId: messageId || undefined, sidechain: r.next() < 0.3 ? true : undefined });
      }
      const got = dedupeClaude(rows);
      const want = reference(rows);
      expect(got.rows).toEqual(want);
      expect(got.duplicates).toBe(rows.length - want.length);
    }
  });
});
