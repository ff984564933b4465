// The native reader of Claude Code transcripts (Go: cmd/seatmeter-scan, internal/claudescan) reads files
// on every core and sends, per file, the members of each usage line in the shape claudeFast.ts builds; the
// lines it is not sure of come back raw and are read here as the TypeScript reader reads them. Frame layout:
// internal/claudescan/frame.go.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ARRAY_VALUE, CHILD_OF, create, NAMES, OBJECT_VALUE } from '../adapters/claudeFast';
import { CODEX_CHILD, CODEX_MEMBERS } from '../adapters/codex';
import { FileParser, NativeRow } from '../adapters/types';
import { PriceItem, PriceItems, PriceSplits } from '../report/groupPricing';
import { Tokens } from '../usage';
import { latin1 } from '../adapters/jsonScan';
import { ReadResult } from './lineReader';
import { ReaderRun, startReader } from './nativeProcess';

export { NATIVE_FORMAT } from './nativeProcess';

const EXE = process.platform === 'win32' ? 'seatmeter-scan.exe' : 'seatmeter-scan';

/** Where the native reader of this platform is packed beside the bundle (build.mjs puts it there). */
export function nativeDir(platform = process.platform, arch = process.arch): string {
  return join('native', `${platform}-${arch}`);
}

/**
 * The native reader to use: SEATMETER_NATIVE=0 turns it off, SEATMETER_NATIVE=<path> names one; else the
 * one packed beside the running bundle for this platform, if any.
 */
export function findNative(env: NodeJS.ProcessEnv, bundle: string | undefined): string | undefined {
  const set = env.SEATMETER_NATIVE;
  if (set === '0' || set === 'off' || set === 'false') {
    return undefined;
  }
  if (set) {
    return set;
  }
  if (!bundle) {
    return undefined;
  }
  try {
    const exe = join(dirname(realpathSync(bundle)), nativeDir(), EXE);
    return existsSync(exe) ? exe : undefined;
  } catch {
    return undefined;
  }
}

/** The agents with a native reader, and what it sends of their lines (per level: members, object levels). */
interface Schema {
  names: string[][];
  child: number[][];
  create(level: number): Record<string, unknown>;
}

const SCHEMAS: Record<NativeAgent, Schema> = {
  'claude-code': { names: NAMES, child: CHILD_OF, create },
  codex: {
    names: CODEX_MEMBERS,
    child: CODEX_CHILD,
    create: (level) => {
      const o: Record<string, unknown> = {};
      for (const k of CODEX_MEMBERS[level]) {
        o[k] = undefined;
      }
      return o;
    },
  },
};

export type NativeAgent = 'claude-code' | 'codex';

export function hasNativeReader(agent: string): agent is NativeAgent {
  return agent in SCHEMAS;
}

export interface NativeJob {
  /** default: Claude Code */
  agent?: NativeAgent;
  path: string;
  from: number;
  /** the parser the file's lines go to (its adapter must take entries) */
  parser: FileParser;
}

/** internal/claudescan.FinalJob: the frame of the whole run in final mode */
export const FINAL_JOB = 0xffffffff;
/** internal/claudescan.ProgressJob: a file was read in final mode (body: its job) */
export const PROGRESS_JOB = 0xfffffffe;
const TTL_UNKNOWN = ['cache-write TTL unknown'];

/** What the native reader sends in final mode: every file's figures and the price items of all its rows. */
export interface NativeFinal {
  /** per job: its lines read, and the rows its own dedupe removed (duplicates) */
  files: ReadResult[];
  /** rows of every file after each one's dedupe, and the duplicates across files */
  rows: number;
  duplicates: number;
  items: PriceItems;
}

/** Per job: its lines read (as readJsonLines would report them), or why the native reader could not. */
export type NativeOutcome = { ok: true; res: ReadResult } | { ok: false; error: string };

const TAG_NUMBER = 4;
const NO_STRING = 0xffffffff;

/** the one row object the decoder fills (the parser copies what it keeps) */
const scratch: NativeRow = {
  timestamp: 0, tokens: new Float64Array(6), sidechain: false, model: '', session: '', cwd: undefined, branch: '',
  geo: '', speed: '', messageId: '', requestId: '',
};

class FrameReader {
  p = 0;
  strings: string[] = [];
  /** (a DataView's reads are builtins: several times cheaper than Buffer's while the code is still cold) */
  readonly v: DataView;
  constructor(
    readonly b: Buffer,
    readonly schema: Schema = SCHEMAS['claude-code']
  ) {
    this.v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  u32(): number {
    const v = this.v.getUint32(this.p, true);
    this.p += 4;
    return v;
  }

  f64(at: number): number {
    return this.v.getFloat64(at, true);
  }

  value(level: number, i: number): unknown {
    const tag = this.b[this.p++];
    switch (tag) {
      case 0:
        return undefined;
      case 1:
        return null;
      case 2:
        return false;
      case 3:
        return true;
      case TAG_NUMBER: {
        const v = this.f64(this.p);
        this.p += 8;
        return v;
      }
      case 5:
      case 6:
        return this.strings[this.u32()];
      case 7:
        return ARRAY_VALUE;
      case 8:
        return OBJECT_VALUE;
      case 9:
        return this.node(this.schema.child[level][i]);
      default:
        throw new Error(`native reader: unknown value tag ${tag}`);
    }
  }

  /** The frame's string table: n times u8 kind | u32 length | bytes. */
  readStrings(n: number): void {
    for (let i = 0; i < n; i++) {
      const len = this.v.getUint32(this.p + 1, true);
      this.strings.push(text(this.b, this.b[this.p], this.p + 5, this.p + 5 + len));
      this.p += 5 + len;
    }
  }

  str(): string | undefined {
    const i = this.u32();
    return i === NO_STRING ? undefined : this.strings[i];
  }

  row(): NativeRow {
    const b = this.b;
    const n = scratch;
    n.timestamp = this.f64(this.p);
    for (let i = 0; i < 6; i++) {
      n.tokens[i] = this.f64(this.p + 8 + 8 * i);
    }
    n.sidechain = (b[this.p + 56] & 1) !== 0;
    this.p += 57;
    n.model = this.str() ?? '';
    n.session = this.str() ?? '';
    n.cwd = this.str();
    n.branch = this.str() ?? '';
    n.geo = this.str() ?? '';
    n.speed = this.str() ?? '';
    n.messageId = this.str() ?? '';
    n.requestId = this.str() ?? '';
    return n;
  }

  node(level: number): Record<string, unknown> {
    const o = this.schema.create(level);
    const names = this.schema.names[level];
    for (let i = 0; i < names.length; i++) {
      o[names[i]] = this.value(level, i);
    }
    return o;
  }
}

/** A string of the frame's table: ASCII (0), a JSON token (1) or UTF-8 (2). */
function text(b: Buffer, kind: number, s: number, e: number): string {
  return kind === 0 ? latin1(b, s, e) : kind === 1 ? (JSON.parse(b.toString('utf8', s, e)) as string) : b.toString('utf8', s, e);
}

/** Reads one file's frame body into its parser; the file's ReadResult, or its error. */
function readFrame(body: Buffer, parser: FileParser, schema: Schema): NativeOutcome {
  const r = new FrameReader(body, schema);
  const endOffset = r.f64(0);
  const flags = body[8];
  r.p = 9;
  const lines = r.u32();
  let malformed = r.u32();
  const duplicates = r.u32();
  const nStrings = r.u32();
  const nRecords = r.u32();
  if (flags & 2) {
    const n = r.u32();
    return { ok: false, error: body.toString('utf8', r.p, r.p + n) };
  }
  r.readStrings(nStrings);
  for (let i = 0; i < nRecords; i++) {
    const kind = body[r.p++];
    let ok = true;
    if (kind === 4) {
      const f = (k: number) => r.f64(r.p + 8 * k);
      parser.codexTokens!(f(0), f(1), f(2), f(3), f(4), f(5));
      r.p += 48;
    } else if (kind === 3) {
      parser.row!(r.row());
    } else if (kind === 1) {
      ok = parser.entry!(r.node(0));
    } else {
      const hint = r.u32();
      const n = r.u32();
      ok = parser.line(body, r.p, r.p + n, hint === NO_STRING ? -1 : r.p + hint);
      r.p += n;
    }
    if (!ok) {
      malformed++;
    }
  }
  return { ok: true, res: { endOffset, unterminatedTail: (flags & 1) !== 0, lines, malformed, duplicates } };
}

/** The final frame (internal/claudescan/final.go appendFinal); `user` is every row's. */
function readFinal(body: Buffer, user: string): NativeFinal {
  const r = new FrameReader(body);
  const nFiles = r.u32();
  const files: ReadResult[] = [];
  for (let i = 0; i < nFiles; i++) {
    const endOffset = r.f64(r.p);
    const flags = body[r.p + 8];
    r.p += 9;
    files.push({ endOffset, unterminatedTail: (flags & 1) !== 0, lines: r.u32(), malformed: r.u32(), duplicates: r.u32() });
  }
  const rows = r.u32();
  const duplicates = r.u32();
  r.readStrings(r.u32());
  const nTiers = r.u32();
  const nBuckets = r.u32();
  const item = (): PriceItem => {
    const f = (k: number) => r.f64(r.p + 8 * k);
    const timestamp = f(0);
    const ts = f(1);
    const tokens: Tokens = { input: f(2), output: f(3), cacheRead: f(4), cacheWrite5m: f(5), cacheWrite1h: f(6), cacheWriteUnknown: f(7), reasoning: 0 };
    r.p += 64;
    const requests = r.u32();
    const flags = body[r.p++];
    const model = r.str()!;
    const session = r.str()!;
    const project = r.str()!;
    const branch = r.str()!;
    const geo = r.str();
    const first = {
      agent: 'claude-code' as const, model, timestamp, session, project, branch, user, tokens,
      speed: flags & 2 ? ('fast' as const) : undefined, inferenceGeo: geo, flags: flags & 1 ? TTL_UNKNOWN : undefined,
    };
    return { first, ts, flags: flags & 1 ? TTL_UNKNOWN[0] : '', tokens, requests };
  };
  const tiers = Array.from({ length: nTiers }, item);
  const buckets = Array.from({ length: nBuckets }, item);
  return { files, rows, duplicates, items: { tiers, buckets } };
}

/** What a run in final mode does with the final frame and the progress frames. */
export interface FinalHandlers {
  splits: PriceSplits;
  user: string;
  onFinal: (f: NativeFinal) => void;
  onProgress?: (job: number) => void;
}

/**
 * The frames of a run over `jobs` to `onFile` (each job's outcome) and `final`; `done` is called once every
 * job is answered or the run ended, with the jobs that got no frame.
 */
export function jobFrames(
  jobs: NativeJob[],
  onFile: (job: number, outcome: NativeOutcome) => void,
  final: FinalHandlers | undefined,
  done: (missing: number[]) => void
): { frame: (job: number, body: Buffer) => void; end: () => void } {
  const pending = new Set(jobs.map((_, i) => i));
  let settled = false;
  const end = () => {
    if (!settled) {
      settled = true;
      done([...pending].sort((a, b) => a - b));
    }
  };
  const frame = (job: number, body: Buffer) => {
    if (job === PROGRESS_JOB && final) {
      final.onProgress?.(body.readUInt32LE(0));
    } else if (job === FINAL_JOB && final) {
      final.onFinal(readFinal(body, final.user));
      pending.clear();
    } else if (pending.delete(job)) {
      onFile(job, readFrame(body, jobs[job].parser, SCHEMAS[jobs[job].agent ?? 'claude-code']));
    }
    if (!pending.size) {
      end(); // every job answered: the reader's exit is not waited for
    }
  };
  return { frame, end };
}

/**
 * Runs the native reader over `jobs`; `onFile` gets each job's outcome as its frame arrives. Resolves with
 * the indexes of the jobs that got no frame (the reader could not start or died): the caller reads those
 * itself, so nothing is lost when the native reader fails.
 */
export function readNative(
  binary: string,
  jobs: NativeJob[],
  onFile: (job: number, outcome: NativeOutcome) => void,
  final?: FinalHandlers
): Promise<number[]> {
  return new Promise((resolve) => {
    if (!jobs.length) {
      resolve([]);
      return;
    }
    let run: ReaderRun | undefined;
    const frames = jobFrames(jobs, onFile, final, (missing) => {
      run?.stop();
      resolve(missing);
    });
    // progress frames only for a progress line: each is an event here while the reader needs both cores
    const request = { jobs: jobs.map((j) => ({ path: j.path, from: j.from, agent: j.agent })), final: final?.splits, progress: !!final?.onProgress };
    run = startReader(binary, request, frames.frame, frames.end);
  });
}
