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

/**
 * Whether the fast path answered for `text` (read between `before` and `after`), told where the first "usage"
 * is (as the line reader does) and not; when it answers, it must agree with the full parse.
 */
function fastAgrees(text: string, before: string, after: string): boolean {
  const buf = Buffer.from(`${before}${text}${after}`);
  const start = Buffer.byteLength(before);
  const stop = start + Buffer.byteLength(text);
  const hinted = extractClaudeLine(buf, start, stop, buf.indexOf('"usage"', start));
  const plain = extractClaudeLine(buf, start, stop);
  const full = claudeRow(JSON.parse(text), 'u');
  for (const got of [hinted, plain]) {
    if (got !== undefined) {
      expect(claudeRow(got, 'u')).toEqual(full);
    }
  }
  return hinted !== undefined;
}

describe('Claude fast path equals the full parse', () => {
  it('on 4000 generated lines, including shapes it must refuse', () => {
    const r = rng(7);
    let fast = 0;
    for (let i = 0; i < 4000; i++) {
      const obj = assistantLine(r);
      const text = r.next() < 0.1 ? JSON.stringify(obj, null, 1).replace(/\n/g, ' ') : JSON.stringify(obj);
      fast += fastAgrees(text, '  ', ' ') ? 1 : 0;
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

/** Valid JSON text built member by member: other orders, duplicates, escapes, spacing and number forms. */
function trickyLine(r: ReturnType<typeof rng>): string {
  const sp = () => (r.next() < 0.01 ? r.pick([' ', '\t', ' \r ']) : '');
  const esc = (s: string) =>
    `"${[...s].map((c) => (r.next() < 0.1 ? c.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('') : JSON.stringify(c).slice(1, -1))).join('')}"`;
  const key = (k: string) => (r.next() < 0.02 ? `"\\u00${k.charCodeAt(0).toString(16)}${k.slice(1)}"` : JSON.stringify(k));
  const num = () => r.pick(['0', '7', '-0', '12.0', '1e3', '2E+2', '5e-1', '123456789012345678901', '"42"', 'null', 'true', '[1]', '{}', '-3']);
  const scalar = () => r.pick([esc(r.pick(['a', 'claude-sonnet-4-5', '<synthetic>', '2026-03-01T10:00:00Z', 'fast', 'eu', 'café', '🙂', '\ud800'])), num()]);
  const members = (pairs: Array<[string, string]>) => `{${sp()}${pairs.map(([k, v]) => `${key(k)}${sp()}:${sp()}${v}`).join(`${sp()},${sp()}`)}${sp()}}`;
  const maybe = <T>(p: number, v: T): T[] => (r.next() < p ? [v] : []);
  const split = members(r.pick([[], [['ephemeral_5m_input_tokens', num()]], [['ephemeral_1h_input_tokens', num()], ['ephemeral_5m_input_tokens', num()]]]) as Array<[string, string]>);
  const usage = members([
    ['input_tokens', num()],
    ...maybe<[string, string]>(0.9, ['cache_creation_input_tokens', num()]),
    ...maybe<[string, string]>(0.5, ['cache_creation', r.pick([split, 'null', '[]'])]),
    ...maybe<[string, string]>(0.8, ['cache_read_input_tokens', num()]),
    ['output_tokens', num()],
    ...maybe<[string, string]>(0.2, ['speed', scalar()]),
    ...maybe<[string, string]>(0.2, ['inference_geo', scalar()]),
    ...maybe<[string, string]>(0.1, ['input_tokens', num()]),
    ...maybe<[string, string]>(0.2, ['server_tool_use', '{"web_search_requests":0,"usage":{"input_tokens":1}}']),
  ]);
  const content = JSON.stringify([{ type: 'text', text: nastyText(r, r.int(0, 80)) }, { type: 'tool_use', input: { model: 'x', usage: { input_tokens: 3 } } }]);
  const msg: Array<[string, string]> = [
    ...maybe<[string, string]>(0.9, ['id', esc(`msg_${r.int(0, 3)}`)]),
    ['type', '"message"'],
    ...maybe<[string, string]>(0.1, ['container', '{"content":[1]}']),
    ['model', scalar()],
    ...maybe<[string, string]>(0.1, ['model', scalar()]),
    ['content', r.pick([content, '[]', content])],
    ...maybe<[string, string]>(0.05, ['content', r.pick(['null', '[]'])]),
    ...maybe<[string, string]>(0.1, ['extra', '[1,[2]]']),
    ['stop_reason', r.pick(['null', '"end_turn"', '"tool_use"', '1', '"a\\"b"'])],
    ...maybe<[string, string]>(0.7, ['stop_sequence', 'null']),
    ...maybe<[string, string]>(0.1, ['speed', scalar()]),
    ['usage', usage],
    ...maybe<[string, string]>(0.05, ['usage', usage]),
  ];
  const top: Array<[string, string]> = [
    ...maybe<[string, string]>(0.5, ['parentUuid', r.pick(['null', '"p"'])]),
    ['isSidechain', r.pick(['false', 'true', '"true"', '1'])],
    ...maybe<[string, string]>(0.1, ['toolUseResult', '{"message":{"content":[],"usage":{"input_tokens":5}},"timestamp":"x"}']),
    ['cwd', esc(r.pick(['/home/dév/app', '/srv/x', 'C:\\work\\y', '']))],
    ['sessionId', scalar()],
    ['gitBranch', esc(r.pick(['main', 'feat/a"b', 'ü']))],
    ['message', members(msg)],
    ...maybe<[string, string]>(0.9, ['requestId', esc(`req_${r.int(0, 3)}`)]),
    ['type', r.pick(['"assistant"', '"assistant"', '"user"'])],
    ['timestamp', r.pick(['"2026-03-01T10:00:00.000Z"', '1767225600000', '"bad"', '1767225600'])],
    ...maybe<[string, string]>(0.05, ['timestamp', '"2026-03-02T10:00:00.000Z"']),
    ...maybe<[string, string]>(0.05, ['message', '{"usage":{"input_tokens":2},"content":null}']),
  ];
  return members(top);
}

describe('Claude fast path on valid JSON of other shapes', () => {
  it('equals the full parse whenever it answers, on 20000 lines', () => {
    const r = rng(23);
    let fast = 0;
    for (let i = 0; i < 20000; i++) {
      fast += fastAgrees(trickyLine(r), '', '\n{"next":1}') ? 1 : 0;
    }
    expect(fast).toBeGreaterThan(2000);
  });

  it('never throws on random bytes around the markers it looks for', () => {
    const r = rng(29);
    for (let i = 0; i < 20000; i++) {
      const text = Array.from({ length: r.int(0, 12) }, () => r.pick(['{', '}', '[', ']', '"', ',', ':', '"message":{', '"content":', ',"usage":{', '"a"', '1', 'null', '\\', '\\u12', ' ', 'é'])).join('');
      const buf = Buffer.from(text);
      expect(() => extractClaudeLine(buf, 0, buf.length)).not.toThrow();
    }
  });
});

describe('Claude fast path across the lines of one message', () => {
  it('reads a repeated head once and still equals the full parse, whatever changes between lines', () => {
    const r = rng(37);
    const heads = [
      '"isSidechain":false,"cwd":"/home/dev/app","sessionId":"s1","gitBranch":"main","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":',
      '"isSidechain":true,"cwd":"/home/dev/app","sessionId":"s1","gitBranch":"main","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":',
      '"isSidechain":false,"cwd":"/home/dev/app","sessionId":"s1","gitBranch":"main","message":{"id":"msg_2","type":"message","role":"assistant","model":"claude-opus-4-5","content":',
      '"isSidechain":false,"cwd":"/srv/x","sessionId":"s1","gitBranch":"main","message":{"id":"msg_2","type":"message","role":"assistant","model":"claude-opus-4-5","content":',
      '"isSidechain":false,"cwd":"/srv/x","sessionId":"s1","gitBranch":"main","requestId":"req_early","message":{"id":"msg_2","model":"<synthetic>","content":',
      '"isSidechain":false,"message":{"id":"msg_3","model":"claude-sonnet-4-5","usage":{"input_tokens":1},"content":',
    ];
    let fast = 0;
    for (let i = 0; i < 5000; i++) {
      const parent = r.pick(['null', '"p1"', '"p2-longer"', '"p\\u0031"', '7']);
      const usage = `{"input_tokens":${r.int(0, 50)},"cache_creation_input_tokens":${r.int(0, 9)},"output_tokens":${r.pick(['1', '2', '"3"', 'null'])}}`;
      const tail = r.pick([
        `],"stop_reason":null,"stop_sequence":null,"usage":${usage}},"requestId":"req_${r.int(0, 2)}","type":"assistant","uuid":"u","timestamp":"2026-03-01T10:00:0${r.int(0, 9)}.000Z"}`,
        `],"stop_reason":"end_turn","usage":${usage}},"type":"assistant","timestamp":${r.pick(['1767225600000', '"bad"'])}}`,
        `],"usage":${usage}},"type":"assistant","timestamp":"2026-03-01T10:00:00Z","message":{"content":null,"usage":${usage}}}`,
        `],"usage":${usage}},"type":"user","timestamp":"2026-03-01T10:00:00Z"}`,
      ]);
      const content = JSON.stringify([{ type: 'text', text: nastyText(r, r.int(0, 40)) }]).slice(0, -1);
      const text = `{"parentUuid":${parent},${r.pick(heads)}${content}${tail}`;
      fast += fastAgrees(text, r.pick(['', ' ']), '\n') ? 1 : 0;
    }
    expect(fast).toBeGreaterThan(2000);
  });
});

describe('Claude fast path on a line cut short with the next one glued to it', () => {
  const line = (id: string, req: string, input: number, text: string) =>
    `{"parentUuid":null,"isSidechain":false,"cwd":"/w/app","sessionId":"s","message":{"id":"${id}","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"${text}"}],"stop_reason":null,"usage":{"input_tokens":${input},"output_tokens":1}},"requestId":"${req}","type":"assistant","uuid":"u","timestamp":"2026-03-01T10:00:00.000Z"}`;

  it("refuses it (one message's head, another's usage) and the reader counts it malformed", () => {
    const first = line('msg_1', 'req_1', 5, 'a crash cut this');
    const glued = first.slice(0, first.indexOf('cut this')) + line('msg_2', 'req_2', 700, 'whole');
    expect(extractClaudeLine(Buffer.from(glued), 0, glued.length)).toBeUndefined();
    const parser = claudeAdapter.parser({ path: 'x.jsonl', user: 'u' });
    expect(parser.line(Buffer.from(glued), 0, glued.length)).toBe(false);
    expect(parser.rows).toHaveLength(0);
    // a tool input whose object starts like a line is legal content: the full parse reads that line
    const legal = line('msg_3', 'req_3', 9, 'x').replace('[{"type":"text","text":"x"}]', '[{"type":"tool_use","input":{"parentUuid":null}}]');
    expect(parser.line(Buffer.from(legal), 0, legal.length)).toBe(true);
    expect(parser.rows.map((r) => r.tokens.input)).toEqual([9]);
  });
});
