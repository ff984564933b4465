// A byte-string search in WebAssembly SIMD, about twice as fast as Buffer#indexOf for the short markers the
// adapters look for ('"usage"' occurs in a few per cent of a transcript's bytes, but every byte must be
// looked at). The module is assembled here from its opcodes (no toolchain, nothing prebuilt shipped): for 16
// positions at a time it compares the needle's first, second, second-to-last and last bytes at once and
// checks the few candidate positions byte by byte. Where WebAssembly SIMD is missing, Buffer#indexOf is used.

/** Bytes [0, DATA) of the memory hold the needles; the read buffer starts at DATA. */
export const DATA = 1024;
const PAGE = 65536;

export interface Finder {
  /** the read buffer: memory bytes [DATA, DATA + buf.length) */
  buf: Buffer;
  /** First index >= from of needle `n` (see needle()) in buf[from, end), or -1. */
  find(n: number, from: number, end: number): number;
  /** Registers a needle (at most 64 bytes, at most 15 needles); returns its handle. */
  needle(bytes: Buffer): number;
  /** Makes buf at least `size` bytes, keeping its first `keep` bytes. */
  grow(size: number, keep: number): void;
}

const leb = (n: number): number[] => {
  const o: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) {
      b |= 0x80;
    }
    o.push(b);
  } while (n);
  return o;
};
const sleb = (n: number): number[] => {
  const o: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      o.push(b);
      return o;
    }
    o.push(b | 0x80);
  }
};

const I32 = 0x7f;
const V128 = 0x7b;
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const tee = (i: number) => [0x22, i];
const c = (n: number) => [0x41, ...sleb(n)];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const IF = [0x04, 0x40];
const END = [0x0b];
const br = (d: number) => [0x0c, d];
const brIf = (d: number) => [0x0d, d];
const RETURN = [0x0f];
const ADD = [0x6a];
const SUB = [0x6b];
const AND = [0x71];
const GE_U = [0x4f];
const GT_U = [0x4b];
const GT_S = [0x4a];
const EQ = [0x46];
const NE = [0x47];
const EQZ = [0x45];
const CTZ = [0x68];
const LOAD8 = [0x2d, 0, 0];
const simd = (op: number, ...imm: number[]) => [0xfd, ...leb(op), ...imm];
const VLOAD = (offset: number) => simd(0x00, 0, ...leb(offset));
const SPLAT = simd(0x0f);
const VEQ = simd(35);
const VAND = simd(78);
const ANY_TRUE = simd(83);
const BITMASK = simd(100);

// find(p, end, n, k): first q in [p, end - k] with memory[q, q + k) == memory[n, n + k), else -1
const P = 0, E = 1, N = 2, K = 3, BITS = 4, J = 5, LAST = 6, Q = 7, S0 = 8, S1 = 9, S2 = 10, S3 = 11, M = 12;

/** memory[q + j] == memory[n + j] for j in [0, k): leaves j == k on a match (q in local Q) */
const verify = (q: number) => [
  ...c(0), ...set(J),
  ...BLOCK, ...LOOP,
  ...get(J), ...get(K), ...GE_U, ...brIf(1),
  ...get(q), ...get(J), ...ADD, ...LOAD8, ...get(N), ...get(J), ...ADD, ...LOAD8, ...NE, ...brIf(1),
  ...get(J), ...c(1), ...ADD, ...set(J), ...br(0),
  ...END, ...END,
];
const splatAt = (offset: number[], local: number) => [...get(N), ...offset, ...ADD, ...LOAD8, ...SPLAT, ...set(local)];
const eqAt = (offset: number[], local: number) => [...get(P), ...offset, ...ADD, ...VLOAD(0), ...get(local), ...VEQ];

const BODY = [
  ...splatAt(c(0), S0),
  ...splatAt(c(1), S1),
  ...splatAt([...get(K), ...c(2), ...SUB], S2),
  ...splatAt([...get(K), ...c(1), ...SUB], S3),
  // vector loop while p + 16 + k - 1 <= end
  ...get(E), ...get(K), ...SUB, ...c(15), ...SUB, ...set(LAST),
  ...BLOCK, ...LOOP,
  ...get(P), ...get(LAST), ...GT_S, ...brIf(1),
  ...eqAt(c(0), S0),
  ...eqAt(c(1), S1), ...VAND,
  ...eqAt([...get(K), ...c(2), ...SUB], S2), ...VAND,
  ...eqAt([...get(K), ...c(1), ...SUB], S3), ...VAND,
  ...tee(M), ...ANY_TRUE,
  ...IF,
  ...get(M), ...BITMASK, ...set(BITS),
  ...BLOCK, ...LOOP,
  ...get(BITS), ...EQZ, ...brIf(1),
  ...get(P), ...get(BITS), ...CTZ, ...ADD, ...set(Q),
  ...verify(Q),
  ...get(J), ...get(K), ...EQ, ...IF, ...get(Q), ...RETURN, ...END,
  ...get(BITS), ...get(BITS), ...c(1), ...SUB, ...AND, ...set(BITS),
  ...br(0),
  ...END, ...END,
  ...END,
  ...get(P), ...c(16), ...ADD, ...set(P), ...br(0),
  ...END, ...END,
  // the last < 16 + k positions one by one
  ...BLOCK, ...LOOP,
  ...get(P), ...get(K), ...ADD, ...get(E), ...GT_U, ...brIf(1),
  ...get(P), ...set(Q),
  ...verify(Q),
  ...get(J), ...get(K), ...EQ, ...IF, ...get(P), ...RETURN, ...END,
  ...get(P), ...c(1), ...ADD, ...set(P), ...br(0),
  ...END, ...END,
  ...c(-1), ...END,
];

function moduleBytes(): Uint8Array {
  const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
  const name = (s: string) => [...leb(s.length), ...Buffer.from(s)];
  const fn = [2, 4, I32, 5, V128, ...BODY]; // locals: 4 x i32 (BITS, J, LAST, Q), 5 x v128
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, 0x60, 4, I32, I32, I32, I32, 1, I32]),
    ...section(2, [1, ...name('m'), ...name('mem'), 0x02, 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('find'), 0x00, 0]),
    ...section(10, [1, ...leb(fn.length), ...fn]),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;

function wasmModule(): WebAssembly.Module | undefined {
  if (compiled === undefined) {
    try {
      compiled = process.env.SEATMETER_NO_SIMD ? null : new WebAssembly.Module(moduleBytes() as BufferSource);
    } catch {
      compiled = null; // no WebAssembly SIMD here: Buffer#indexOf does the same, slower
    }
  }
  return compiled ?? undefined;
}

/** A read buffer of at least `size` bytes with a marker search over it (`simd: false`: Buffer#indexOf). */
export function createFinder(size: number, simd = true): Finder {
  const mod = simd ? wasmModule() : undefined;
  const needles: Buffer[] = [];
  if (!mod) {
    const f: Finder = {
      buf: Buffer.allocUnsafe(size),
      needle: (b) => needles.push(Buffer.from(b)) - 1,
      find: (n, from, end) => {
        const h = f.buf.indexOf(needles[n], from);
        return h >= 0 && h + needles[n].length <= end ? h : -1;
      },
      grow(want, keep) {
        const bigger = Buffer.allocUnsafe(want);
        f.buf.copy(bigger, 0, 0, keep);
        f.buf = bigger;
      },
    };
    return f;
  }
  const mem = new WebAssembly.Memory({ initial: Math.ceil((DATA + size) / PAGE) });
  const exp = new WebAssembly.Instance(mod, { m: { mem } }).exports as { find: (p: number, e: number, n: number, k: number) => number };
  const wfind = exp.find;
  const view = () => Buffer.from(mem.buffer, DATA, mem.buffer.byteLength - DATA);
  const f: Finder = {
    buf: view(),
    needle(b) {
      if (needles.length >= 15 || b.length > 64 || b.length < 2) {
        throw new Error('simdFind: needle of 2..64 bytes, at most 15');
      }
      Buffer.from(mem.buffer).set(b, needles.length * 64);
      return needles.push(Buffer.from(b)) - 1;
    },
    find: (n, from, end) => {
      const h = wfind(DATA + from, DATA + end, n * 64, needles[n].length);
      return h < 0 ? -1 : h - DATA;
    },
    grow(want) {
      if (want > f.buf.length) {
        mem.grow(Math.ceil((want - f.buf.length) / PAGE)); // keeps the bytes; detaches the old view
        f.buf = view();
      }
    },
  };
  return f;
}
