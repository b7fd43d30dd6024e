import { describe, expect, it } from 'vitest';
import { httpTransport, serverCaller, SyncFailure, type Fetch } from './transport';
import { MeResponse } from '../model';

// How the sync client reads each answer of a server (or of something that is not one): the
// kind of failure decides what the person sees and what the scheduler does next.

const token = `tdm_${'a'.repeat(43)}`;
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const errorBody = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });

/** A server that answers every request with `answer`, and remembers what it was asked. */
function fake(answer: () => Response | Promise<Response>) {
  const asked: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl: Fetch = async (url, init) => {
    asked.push({ url, init });
    return answer();
  };
  return { asked, transport: httpTransport('https://tandem.example.com//', token, fetchImpl), fetchImpl };
}

async function failure(work: Promise<unknown>): Promise<SyncFailure> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncFailure);
  return error as SyncFailure;
}

const page = { cursor: 0, lastMutationId: 0, outcomes: [], changes: [], more: false };

describe('the sync transport', () => {
  it('sends the token and JSON to the server without a trailing slash, and the pull query', async () => {
    const { asked, transport } = fake(() => json(200, page));
    await transport.pull({ clientId: 'c1', cursor: 5, ack: 2, limit: 100 });
    await transport.pull({ clientId: 'c1', cursor: 5, ack: 2 });
    expect(asked.map((a) => a.url)).toEqual([
      'https://tandem.example.com/v1/pull?clientId=c1&cursor=5&ack=2&limit=100',
      'https://tandem.example.com/v1/pull?clientId=c1&cursor=5&ack=2',
    ]);
    const headers = asked[0]!.init!.headers as Record<string, string>;
    expect(headers).toMatchObject({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    expect(asked[0]!.init!.signal).toBeInstanceOf(AbortSignal);
  });

  it('tells each refusal apart by what the engine does about it', async () => {
    const cases: [number, unknown, Record<string, string>, Partial<SyncFailure>, object][] = [
      [401, errorBody('unauthorized', 'Token revoked.'), {}, { kind: 'unauthorized', message: 'Token revoked.' }, { status: 401 }],
      [403, errorBody('client-of-another-member', 'Not yours.'), {}, { kind: 'forbidden', message: 'Not yours.' }, { status: 403 }],
      [409, errorBody('gap', 'Push from 4.', { lastMutationId: 3 }), {}, { kind: 'gap' }, { status: 409, lastMutationId: 3 }],
      [409, errorBody('gap', 'Push from 1.'), {}, { kind: 'gap' }, { status: 409, lastMutationId: undefined }],
      [409, errorBody('conflict', 'Something else.'), {}, { kind: 'server', message: 'Something else.' }, { status: 409 }],
      [413, errorBody('too-large', 'Too large.'), {}, { kind: 'too-large' }, { status: 413 }],
      [429, errorBody('rate-limited', 'Slow down.'), { 'retry-after': '7' }, { kind: 'rate-limited' }, { status: 429, retryAfterSeconds: 7 }],
      [429, errorBody('rate-limited', 'Slow down.'), {}, { kind: 'rate-limited' }, { status: 429, retryAfterSeconds: 1 }],
      [500, { oops: true }, {}, { kind: 'server', message: 'The server answered 500.' }, { status: 500 }],
      [502, errorBody('bad-gateway', 'Upstream down.'), {}, { kind: 'server', message: 'Upstream down.' }, { status: 502 }],
    ];
    for (const [status, body, headers, expected, details] of cases) {
      const { transport } = fake(() => json(status, body, headers));
      const error = await failure(transport.push({ clientId: 'c1', mutations: [] }));
      expect(error, `${status} ${JSON.stringify(body)}`).toMatchObject(expected);
      expect(error.details, `${status} ${JSON.stringify(body)}`).toEqual(details);
      expect(error.name).toBe('SyncFailure');
    }
  });

  it('says when the server cannot be reached, stalls, or answers with something that is not Tandem', async () => {
    const down = await failure(fake(() => Promise.reject(new TypeError('Failed to fetch'))).transport.me());
    expect(down).toMatchObject({ kind: 'network', message: 'The server at https://tandem.example.com cannot be reached (Failed to fetch).' });

    const stalled = await failure(httpTransport('https://tandem.example.com', token, () => Promise.reject(new DOMException('timed out', 'TimeoutError')), 2500).me());
    expect(stalled).toMatchObject({ kind: 'network', message: 'The server at https://tandem.example.com did not answer within 2.5 s.' });

    const html = await failure(fake(() => new Response('<h1>Bad gateway</h1>', { status: 502 })).transport.me());
    expect(html).toMatchObject({ kind: 'server', message: "The server at https://tandem.example.com answered 502 with something that is not Tandem's JSON." });
    expect(html.details).toEqual({ status: 502 });

    const midway = await failure(
      fake(() => ({ ok: true, status: 200, json: () => Promise.reject(new DOMException('timed out', 'TimeoutError')) }) as unknown as Response).transport.me(),
    );
    expect(midway).toMatchObject({ kind: 'network', message: 'The server at https://tandem.example.com stopped answering midway.' });

    const other = await failure(fake(() => json(200, { workspace: 'not this' })).transport.me());
    expect(other).toMatchObject({ kind: 'server', message: 'The server at https://tandem.example.com gave an answer this version of Tandem cannot read.' });
    expect(other.details).toEqual({ status: 200 });
  });

  it('hands back the parsed answer', async () => {
    const me = { workspace: { id: '00000000-0000-4000-8000-000000000001', name: 'Acme' }, member: { id: '00000000-0000-4000-8000-000000000002', name: 'Ada', role: 'admin' } };
    const call = serverCaller('https://tandem.example.com/', token, async () => json(200, me));
    expect(await call('/v1/me', MeResponse)).toMatchObject(me);
  });
});
