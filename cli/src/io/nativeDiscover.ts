// The native reader started before the CLI has listed Claude Code's transcripts: it lists them itself
// (cmd/seatmeter-scan/discover.go, as discover.ts does) and starts reading at once, while the CLI lists the
// other agents' files. The frames it sends before the CLI has opened the files wait here.
import { PriceSplits } from '../report/groupPricing';
import { FoundFile } from './discover';
import { FinalHandlers, jobFrames, NativeJob, NativeOutcome } from './nativeScan';
import { startReader } from './nativeProcess';

/** cmd/seatmeter-scan filesJob: the frame listing the files found (job i of the later frames is file i) */
const FILES_JOB = 0xfffffffd;

export interface NativeListing {
  /** the files the reader found, in its job order; undefined when it could not start or died first */
  files: Promise<FoundFile[] | undefined>;
  /** the run's outcome per file as readNative gives it, `jobs` being the listed files in order */
  read(jobs: NativeJob[], onFile: (job: number, outcome: NativeOutcome) => void, final: FinalHandlers): Promise<number[]>;
}

export function listAndReadNatively(binary: string, roots: string[], suffix: string, final: { splits: PriceSplits; progress: boolean }): NativeListing {
  let listed!: (files: FoundFile[] | undefined) => void;
  const files = new Promise<FoundFile[] | undefined>((resolve) => (listed = resolve));
  const waiting: Array<[number, Buffer]> = [];
  let sink: ReturnType<typeof jobFrames> | undefined;
  let ended = false;
  const request = { discover: { roots, suffix }, final: final.splits, progress: final.progress };
  const run = startReader(
    binary,
    request,
    (job, body) => {
      if (job === FILES_JOB) {
        listed(readFiles(body));
      } else if (sink) {
        sink.frame(job, body);
      } else {
        waiting.push([job, Buffer.from(body)]); // (the body is only valid during the call)
      }
    },
    () => {
      ended = true;
      listed(undefined);
      sink?.end();
    }
  );
  return {
    files,
    read(jobs, onFile, handlers) {
      return new Promise((resolve) => {
        sink = jobFrames(jobs, onFile, handlers, (missing) => {
          run.stop();
          resolve(missing);
        });
        for (const [job, body] of waiting.splice(0)) {
          sink.frame(job, body);
        }
        if (ended) {
          sink.end();
        }
      });
    },
  };
}

/** u32 files | per file: u32 path length | path (UTF-8) | f64 size | f64 mtime ms */
function readFiles(b: Buffer): FoundFile[] {
  const n = b.readUInt32LE(0);
  const out: FoundFile[] = [];
  let p = 4;
  for (let i = 0; i < n; i++) {
    const len = b.readUInt32LE(p);
    const path = b.toString('utf8', p + 4, p + 4 + len);
    p += 4 + len;
    out.push({ path, size: b.readDoubleLE(p), mtimeMs: b.readDoubleLE(p + 8) });
    p += 16;
  }
  return out;
}
