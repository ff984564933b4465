import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { decodeMetricsRequest, DecodedPoint } from './otlpDecode';

/** A real OTLP/HTTP metrics endpoint on 127.0.0.1 that decodes every protobuf request it receives. */
export interface OtlpSink {
  url: string;
  requests: Array<{ headers: IncomingHttpHeaders; points: DecodedPoint[]; resource: Record<string, string> }>;
  close(): Promise<void>;
}

export async function startOtlpSink(): Promise<OtlpSink> {
  const requests: OtlpSink['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/metrics' || req.headers['content-type'] !== 'application/x-protobuf') {
        res.writeHead(404).end();
        return;
      }
      const decoded = decodeMetricsRequest(Buffer.concat(chunks));
      requests.push({ headers: req.headers, ...decoded });
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1/metrics`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
