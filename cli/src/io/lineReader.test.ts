/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonLines } from './lineReader';

describe('readJsonLines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seatmeter-lines-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function collect(content: string, from = 0, markers = ['"u"']) {
    const p = join(dir, 'f.jsonl');
    writeFileSync(p, content);
    const got: string[] = [];
    const res = readJsonLines(p, from, {
      markers: markers.map((m) => Buffer.from(m)),
      line: (b, s, e) => {
        got.push(b.toString('utf8', s, e));
        return !b.toString('utf8', s, e).includes('BAD');
      },
    });
    return { got, res };
  }

  it('hands over only lines with a marker, counts non-objects and rejected lines as malformed', () => {
    const { got, res } = collect('{"u":1}\r\n{"x":2}\n\n  {"u":3}  \nnot json "u"\n{"u":"BAD"}\n');
    expect(got).toEqual(['{"u":1}', '{"u":3}', '{"u":"BAD"}']);
    expect(res).toEqual({ endOffset: 55, unterminatedTail: false, lines: 5, malformed: 2 });
  });

  it('reads an unterminated last line but resumes before it', () => {
    const { got, res } = collect('{"u":1}\n{"u":2}');
    expect(got).toEqual(['{"u":1}', '{"u":2}']);
    expect(res.endOffset).toBe(8);
    expect(res.unterminatedTail).toBe(true);
  });

  it('with a window, only markers at the head of a line count', () => {
    const p = join(dir, 'w.jsonl');
    writeFileSync(p, `{"type":"u","pad":1}\n{"pad":"${'x'.repeat(300)}","type":"u"}\n`);
    const got: number[] = [];
    readJsonLines(p, 0, { markers: [Buffer.from('"u"')], window: 64, line: (_b, s) => got.push(s) > 0 });
    expect(got).toEqual([0]);
  });

  it('resumes from an offset', () => {
    const { got } = collect('{"u":1}\n{"u":2}\n', 8);
    expect(got).toEqual(['{"u":2}']);
  });

  it('handles lines longer than the read buffer and markers across buffer boundaries', () => {
    const long = `{"pad":"${'x'.repeat(9 << 20)}","u":1}`;
    const small = Array.from({ length: 200000 }, (_, i) => `{"i":${i}${i % 1000 === 0 ? ',"u":0' : ''}}`).join('\n');
    const { got, res } = collect(`${small}\n${long}\n${small}\n`);
    expect(got.filter((l) => l.length > 1000)).toHaveLength(1);
    expect(got).toHaveLength(401);
    expect(res.lines).toBe(400001);
    expect(res.malformed).toBe(0);
  });
});
