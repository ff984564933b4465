// Minimal protobuf wire-format reader for OTLP ExportMetricsServiceRequest, used by the tests to check what
// the push really sent (field numbers from opentelemetry/proto metrics/v1 and common/v1).

type Field = { no: number; wire: number; varint?: bigint; bytes?: Uint8Array; fixed?: Uint8Array };

function fields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let i = 0;
  const varint = (): bigint => {
    let shift = BigInt(0);
    let v = BigInt(0);
    for (;;) {
      const b = buf[i++];
      v |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) {
        return v;
      }
      shift += BigInt(7);
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const no = key >>> 3;
    const wire = key & 7;
    if (wire === 0) {
      out.push({ no, wire, varint: varint() });
    } else if (wire === 1) {
      out.push({ no, wire, fixed: buf.subarray(i, i + 8) });
      i += 8;
    } else if (wire === 2) {
      const len = Number(varint());
      out.push({ no, wire, bytes: buf.subarray(i, i + len) });
      i += len;
    } else if (wire === 5) {
      out.push({ no, wire, fixed: buf.subarray(i, i + 4) });
      i += 4;
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
  }
  return out;
}

const str = (b?: Uint8Array) => Buffer.from(b ?? []).toString('utf8');
const sub = (fs: Field[], no: number) => fs.filter((f) => f.no === no && f.bytes).map((f) => fields(f.bytes!));

function attributes(kvs: Field[][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of kvs) {
    const key = str(kv.find((f) => f.no === 1)?.bytes);
    const any = sub(kv, 2)[0] ?? [];
    const s = any.find((f) => f.no === 1);
    out[key] = s ? str(s.bytes) : JSON.stringify(any.map((f) => Number(f.varint ?? 0)));
  }
  return out;
}

export interface DecodedPoint {
  metric: string;
  unit: string;
  temporality: number;
  monotonic: boolean;
  attributes: Record<string, string>;
  value: number;
  startNs: bigint;
  timeNs: bigint;
}

export function decodeMetricsRequest(body: Uint8Array): { resource: Record<string, string>; points: DecodedPoint[] } {
  const points: DecodedPoint[] = [];
  let resource: Record<string, string> = {};
  for (const rm of sub(fields(body), 1)) {
    resource = attributes(sub(sub(rm, 1)[0] ?? [], 1));
    for (const sm of sub(rm, 2)) {
      for (const m of sub(sm, 2)) {
        const name = str(m.find((f) => f.no === 1)?.bytes);
        const unit = str(m.find((f) => f.no === 3)?.bytes);
        for (const sum of sub(m, 7)) {
          const temporality = Number(sum.find((f) => f.no === 2)?.varint ?? BigInt(0));
          const monotonic = Number(sum.find((f) => f.no === 3)?.varint ?? 0) === 1;
          for (const dp of sub(sum, 1)) {
            const dbl = dp.find((f) => f.no === 4)?.fixed;
            const int = dp.find((f) => f.no === 6)?.fixed;
            const value = dbl ? Buffer.from(dbl).readDoubleLE(0) : int ? Number(Buffer.from(int).readBigInt64LE(0)) : 0;
            const t = (no: number) => Buffer.from(dp.find((f) => f.no === no)?.fixed ?? new Uint8Array(8)).readBigUInt64LE(0);
            points.push({ metric: name, unit, temporality, monotonic, attributes: attributes(sub(dp, 7)), value, startNs: t(2), timeNs: t(3) });
          }
        }
      }
    }
  }
  return { resource, points };
}
