/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { mutate, nastyText, rng } from '../testing/random';
import { claudeAdapter, claudeRow } from './claude';
import { extractClaudeLine } from './claudeFast';

function assistantLine(r: ReturnType<typeof rng>): Record<string, unknown> {
  const blocks = [
    () => ({ type: 'text', text: nastyText(r, r.int(0, 300)) }),
    () => ({ type: 'thinking', thinking: nastyText(r, r.int(0, 300)), signature: 'sig' }),
    () => ({ type: 'tool_use', id: 't1', name: 'Edit', input: { usage: { input_tokens: 7 }, content: [nastyText(r, 50)] } }),
  ];
  const usage: Record<string, unknown> = {
    input_tokens: r.int(0, 100),
    cache_creation_input_tokens: r.int(0, 1000),
    cache_read_input_tokens: r.pick([0, 500, null]),
    output_tokens: r.int(0, 900),
  };
  if (r.next() < 0.7) {
    usage.cache_creation = { ephemeral_5m_input_tokens: r.int(0, 10), ephemeral_1h_input_tokens: r.int(0, 10) };
  }
  const message: Record<string, unknown> = {
    id: `msg_${r.int(0, 9)}`,
    type: 'message',
    role: 'assistant',
    model: r.pick(['claude-sonnet-4-5', '<synthetic>', 'claude-opus-4-5']),
    content: Array.from({ length: r.int(0, 3) }, () => r.pick(blocks)()),
    stop_reason: r.pick([null, 'tool_use', 'end_turn']),
    stop_sequence: null,
    usage,
  };
  const line: Record<string, unknown> = {
    parentUuid: null,
    isSidechain: r.next() < 0.2,
    cwd: r.pick(['/home/dév/app', '/srv/x', 'C:\\work\\y']),
    sessionId: 's',
    gitBranch: r.pick(['main', 'feat/a"b']),
    message,
    requestId: r.next() < 0.9 ? `req_${r.int(0, 9)}` : undefined,
    type: 'assistant',
    uuid: 'u',
    timestamp: r.pick(['2026-03-01T10:00:00.000Z', 'bad', 1767225600000]),
  };
  // shapes the fast path must refuse (and the full parse then handles): other key orders, user lines
  // carrying a subagent's usage in toolUseResult, members after usage, spaced JSON
  const variant = r.int(0, 5);
  if (variant === 0) {
    return { type: 'user', message: { role: 'user', content: [{ type: 'tool_result', content: 'x' }] }, toolUseResult: { usage: { input_tokens: 5, output_tokens: 6 } } };
  }
  if (variant === 1) {
    message.after = 'x';
  }
  if (variant === 2) {
    return { ...line, extra: { content: [1], usage: { input_tokens: 1 } } };
  }
  return line;
}

describe('Claude fast path equals the full parse', () => {
  it('on 4000 generated lines, including shapes it must refuse', () => {
    const r = rng(7);
    let fast = 0;
    for (let i = 0; i < 4000; i++) {
      const obj = assistantLine(r);
      const text = r.next() < 0.1 ? JSON.stringify(obj, null, 1).replace(/\n/g, ' ') : JSON.stringify(obj);
      const buf = Buffer.from(`  ${text} `);
      const extracted = extractClaudeLine(buf, 2, buf.length - 1);
      const full = claudeRow(JSON.parse(text), 'u');
      if (extracted !== undefined) {
        fast++;
        expect(claudeRow(extracted, 'u')).toEqual(full);
      }
    }
    // the common compact shape must take the fast path
    expect(fast).toBeGreaterThan(1500);
  });

  // Damage confined to message.content is cut away by the fast path, which then still reads the usage; every
  // other damaged line is counted malformed, and any line that still parses reads exactly as the full parse.
  it('never throws on damaged lines; lines that still parse read exactly as the full parse', () => {
    const r = rng(11);
    for (let i = 0; i < 3000; i++) {
      const text = mutate(r, JSON.stringify(assistantLine(r)));
      const buf = Buffer.from(text, 'latin1');
      const p = claudeAdapter.parser({ path: 'x', user: 'u' });
      let parsed: unknown = undefined;
      try {
        parsed = JSON.parse(buf.toString('utf8'));
      } catch {
        // damaged beyond JSON
      }
      const ok = p.line(buf, 0, buf.length);
      if (parsed === undefined) {
        expect(ok ? p.rows.length : 0).toBeLessThanOrEqual(1);
        if (!ok) {
          expect(p.rows).toEqual([]);
        }
      } else {
        const row = claudeRow(parsed, 'u');
        expect(p.rows).toEqual(row ? [row] : []);
      }
    }
  });
});
