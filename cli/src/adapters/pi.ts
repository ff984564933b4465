import { join } from 'node:path';
import { num, projectName } from '../usage';
import { Adapter, dedupeByKey, FileParser, isoToMs, obj, RawRow, str } from './types';

interface PiState {
  session: string;
  project: string;
}

/** pi coding agent sessions: $PI_CODING_AGENT_DIR or ~/.pi/agent, sessions/--<cwd>--/<ts>_<uuid>.jsonl. */
export const piAdapter: Adapter = {
  agent: 'pi',
  roots(env, home) {
    const base = env.PI_CODING_AGENT_DIR?.trim() || join(home, '.pi', 'agent');
    return [join(base, 'sessions')];
  },
  accepts: (path) => path.endsWith('.jsonl'),
  parser({ user, state }) {
    const rows: RawRow[] = [];
    const s: PiState = (state as unknown as PiState | undefined) ?? { session: '', project: '(unknown)' };
    const parser: FileParser = {
      rows,
      markers: [Buffer.from('"usage"'), Buffer.from('"session"')],
      state: () => s as unknown as Record<string, unknown>,
      line(buf, start, end) {
        let e: Record<string, unknown> | undefined;
        try {
          e = obj(JSON.parse(buf.toString('utf8', start, end)));
        } catch {
          return false;
        }
        if (!e) {
          return false;
        }
        if (e.type === 'session') {
          s.session = str(e.id);
          s.project = projectName(e.cwd);
          return true;
        }
        const message = obj(e.message);
        const usage = message && obj(message.usage);
        if (!message || !usage || message.role !== 'assistant') {
          return true;
        }
        const timestamp = isoToMs(e.timestamp ?? message.timestamp);
        if (!Number.isFinite(timestamp)) {
          return true;
        }
        const id = str(e.id);
        const model = str(message.model);
        rows.push({
          agent: 'pi',
          model: model || '(unknown)',
          timestamp,
          session: s.session,
          project: s.project,
          branch: '',
          user,
          tokens: {
            input: num(usage.input),
            output: num(usage.output),
            cacheRead: num(usage.cacheRead),
            cacheWrite5m: 0,
            cacheWrite1h: 0,
            cacheWriteUnknown: num(usage.cacheWrite), // pi does not record the TTL
            reasoning: 0,
          },
          flags: model ? undefined : ['model missing'],
          key: id ? `${id}\u0000${timestamp}` : '', // forks copy entries with the same id into a new file
        });
        return true;
      },
    };
    return parser;
  },
  dedupe: dedupeByKey,
};
