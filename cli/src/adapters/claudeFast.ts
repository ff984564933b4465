// Claude Code writes assistant lines as compact JSON whose bulk is `message.content`, followed by a few
// scalar message members and `message.usage` as the message's last member. The fast path parses the line
// with the content array cut out: prefix up to `"content":`, then `null`, then everything from the `]`
// that closes the content array. Any line that does not have exactly that shape — or whose cut version
// does not parse to an assistant line with `message.content === null` — returns undefined and the caller
// parses the whole line, so on every line that is valid JSON the result is exactly the full parse's (see
// claudeFast.test.ts); a line damaged only inside message.content still yields its intact usage.

const MESSAGE = Buffer.from('"message":{');
const CONTENT = Buffer.from('"content":');
const USAGE = Buffer.from(',"usage":{');
const ASSISTANT = Buffer.from('"type":"assistant"');
/** the scalar message members Claude Code writes between content and usage (stop_reason, stop_sequence, ...) */
const TAIL = /\](?:,"[A-Za-z_]+":(?:"[A-Za-z_ -]*"|null|true|false|-?\d+(?:\.\d+)?))*$/;
const TAIL_WINDOW = 256;

export function extractClaudeLine(buf: Buffer, start: number, end: number): Record<string, unknown> | undefined {
  const m = buf.indexOf(MESSAGE, start);
  if (m < 0 || m >= end) {
    return undefined;
  }
  const c = buf.indexOf(CONTENT, m);
  const u = buf.lastIndexOf(USAGE, end);
  if (c < 0 || u < 0 || u <= c || u >= end) {
    return undefined;
  }
  // Claude Code writes "type" after the message: look there first, so the content is not scanned again
  let a = buf.indexOf(ASSISTANT, u);
  if (a < 0 || a >= end) {
    a = buf.indexOf(ASSISTANT, start);
    if (a < 0 || a >= c) {
      return undefined;
    }
  }
  const winStart = Math.max(c + CONTENT.length, u - TAIL_WINDOW);
  const tail = TAIL.exec(buf.toString('latin1', winStart, u));
  if (!tail) {
    return undefined;
  }
  const close = winStart + tail.index; // the ']' closing message.content
  let entry: unknown;
  try {
    entry = JSON.parse(buf.toString('utf8', start, c + CONTENT.length) + 'null' + buf.toString('utf8', close + 1, end));
  } catch {
    return undefined;
  }
  const e = entry as Record<string, unknown> | null;
  const msg = e && typeof e === 'object' ? (e.message as Record<string, unknown> | null) : null;
  if (!e || e.type !== 'assistant' || !msg || typeof msg !== 'object' || msg.content !== null) {
    return undefined;
  }
  return e;
}
