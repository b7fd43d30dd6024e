import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook receiver for the webhook tests: real HTTP on 127.0.0.1, recording every request. */

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered; null when it never answered (hang). */
  status: number | null;
}

/** The status to answer the `index`th request (from 0) with, or 'hang' to never answer. */
export type Respond = (request: IncomingMessage, body: string, index: number) => number | 'hang';

/** What the receiver says with that status: headers added to its own, and the body. */
export interface Reply {
  headers?: Record<string, string>;
  body?: string;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** Received requests that were answered 2xx. */
  accepted(): Received[];
  /** Resolves once `check` holds, polling; rejects after `timeoutMs` with what was received. */
  waitFor(check: (received: Received[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export async function startReceiver({
  port = 0,
  respond = () => 200,
  delayMs = 0,
  reply = () => ({}),
}: { port?: number; respond?: Respond; delayMs?: number; reply?: (status: number) => Reply } = {}): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const status = respond(request, body, received.length);
      received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body, status: status === 'hang' ? null : status });
      if (status === 'hang') return;
      setTimeout(() => {
        const { headers = {}, body: text = status < 300 ? 'ok' : 'receiver says\n no <b>thanks</b>' } = reply(status);
        response.writeHead(status, { 'content-type': 'text/plain', ...headers });
        response.end(text);
      }, delayMs);
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/hooks/tandem`,
    port: actual,
    received,
    accepted: () => received.filter((r) => r.status !== null && r.status >= 200 && r.status < 300),
    async waitFor(check, timeoutMs = 10_000) {
      for (const until = Date.now() + timeoutMs; !check(received); ) {
        if (Date.now() > until) throw new Error(`the receiver did not get what was expected in ${timeoutMs} ms; it got ${received.length}: ${JSON.stringify(received.map((r) => [r.headers['x-tandem-event'], r.status]))}`);
        await sleep(20);
      }
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
