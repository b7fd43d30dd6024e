import { createServer, request, type Server } from 'node:http';

export type ProxyMode = 'pass' | 'drop-after-push' | 'fail-500' | 'stall';

export interface FaultProxy {
  url: string;
  mode: ProxyMode;
  /** Requests seen, as `METHOD path` (without the query). */
  seen: string[];
  close(): Promise<void>;
}

/**
 * A proxy between the extension and a real server that misbehaves on demand: it passes
 * requests on, drops the answer to a push after the server applied it, answers 500 to
 * pushes without passing them on, or stalls every request until the mode changes.
 */
export async function startFaultProxy(upstream: string, port: number): Promise<FaultProxy> {
  const target = new URL(upstream);
  const stalled = new Set<() => void>();
  const proxy: FaultProxy = { url: `http://127.0.0.1:${port}`, mode: 'pass', seen: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const isPush = req.method === 'POST';
      proxy.seen.push(`${req.method} ${req.url?.split('?')[0]}`);
      const forward = (onAnswer: (status: number, headers: Record<string, unknown>, body: Buffer) => void) => {
        const upstreamReq = request(
          { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
          (up) => {
            const body: Buffer[] = [];
            up.on('data', (c: Buffer) => body.push(c));
            up.on('end', () => onAnswer(up.statusCode ?? 502, up.headers, Buffer.concat(body)));
          },
        );
        upstreamReq.on('error', () => res.destroy());
        upstreamReq.end(Buffer.concat(chunks));
      };
      const mode = proxy.mode;
      if (mode === 'stall') {
        const release = () => res.destroy();
        stalled.add(release);
        res.on('close', () => stalled.delete(release));
        return;
      }
      if (mode === 'fail-500' && isPush) {
        res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Internal Server Error</h1>');
        return;
      }
      forward((status, headers, body) => {
        if (mode === 'drop-after-push' && isPush) return res.destroy();
        res.writeHead(status, headers as Record<string, string>).end(body);
      });
    });
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  proxy.close = async () => {
    for (const release of stalled) release();
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  };
  return proxy;
}
