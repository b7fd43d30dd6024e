import type { z } from 'zod';
import {
  ErrorBody,
  MeResponse,
  PullResponse,
  PushResponse,
  type PullQuery,
  type PushRequest,
} from '../model';

/** Why a request to the sync server failed, in the terms the engine acts on. */
export type SyncFailureKind =
  | 'unauthorized' // token revoked or wrong: stop syncing
  | 'forbidden' // clientId bound to another member
  | 'gap' // the server is behind our outbox
  | 'too-large' // push fewer at a time
  | 'rate-limited' // wait Retry-After
  | 'server' // 5xx or an answer we cannot read: back off
  | 'network'; // unreachable: offline

export class SyncFailure extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
    readonly details: { status?: number; retryAfterSeconds?: number; lastMutationId?: number } = {},
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface SyncTransport {
  me(): Promise<MeResponse>;
  push(request: PushRequest): Promise<PushResponse>;
  pull(query: Omit<PullQuery, 'limit'> & { limit?: number }): Promise<PullResponse>;
}

/** A request that takes longer than this is given up as a network failure (a stalled server). */
export const defaultTimeoutMs = 20_000;

/** One JSON call to the server: the answer parsed with `schema`, failures as SyncFailure. */
export type ServerCall = <S extends z.ZodType>(path: string, schema: S, init?: RequestInit) => Promise<z.output<S>>;

/** Calls a Tandem server with a member's token; every answer is parsed with the shared schemas. */
export function serverCaller(
  serverUrl: string,
  token: string,
  fetchImpl: Fetch = (i, init) => fetch(i, init),
  timeoutMs = defaultTimeoutMs,
): ServerCall {
  const base = serverUrl.replace(/\/+$/, '');
  return async function call<S extends z.ZodType>(path: string, schema: S, init: RequestInit = {}): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        ...init,
        signal: AbortSignal.timeout(timeoutMs),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      });
    } catch (error) {
      const stalled = (error as Error).name === 'TimeoutError';
      throw new SyncFailure('network', stalled ? `The server at ${base} did not answer within ${timeoutMs / 1000} s.` : `The server at ${base} cannot be reached (${(error as Error).message}).`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') throw new SyncFailure('network', `The server at ${base} stopped answering midway.`);
      throw new SyncFailure('server', `The server at ${base} answered ${response.status} with something that is not Tandem's JSON.`, { status: response.status });
    }
    if (!response.ok) throw failureOf(response, body);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new SyncFailure('server', `The server at ${base} gave an answer this version of Tandem cannot read.`, { status: response.status });
    }
    return parsed.data;
  };
}

/** Talks to a Tandem sync server; every answer is parsed with the shared schemas. */
export function httpTransport(
  serverUrl: string,
  token: string,
  fetchImpl: Fetch = (i, init) => fetch(i, init),
  timeoutMs = defaultTimeoutMs,
): SyncTransport {
  const call = serverCaller(serverUrl, token, fetchImpl, timeoutMs);
  return {
    me: () => call('/v1/me', MeResponse),
    push: (request) => call('/v1/push', PushResponse, { method: 'POST', body: JSON.stringify(request) }),
    pull: (query) => {
      const params = new URLSearchParams({ clientId: query.clientId, cursor: String(query.cursor), ack: String(query.ack) });
      if (query.limit) params.set('limit', String(query.limit));
      return call(`/v1/pull?${params}`, PullResponse);
    },
  };
}

function failureOf(response: Response, body: unknown): SyncFailure {
  const parsed = ErrorBody.safeParse(body);
  const message = parsed.success ? parsed.data.error.message : `The server answered ${response.status}.`;
  const details = (parsed.success ? parsed.data.error.details : undefined) as { lastMutationId?: number } | undefined;
  const status = response.status;
  if (status === 401) return new SyncFailure('unauthorized', message, { status });
  if (status === 403) return new SyncFailure('forbidden', message, { status });
  if (status === 409 && parsed.success && parsed.data.error.code === 'gap') {
    return new SyncFailure('gap', message, { status, lastMutationId: details?.lastMutationId });
  }
  if (status === 413) return new SyncFailure('too-large', message, { status });
  if (status === 429) {
    const retryAfterSeconds = Number(response.headers.get('retry-after')) || 1;
    return new SyncFailure('rate-limited', message, { status, retryAfterSeconds });
  }
  return new SyncFailure('server', message, { status });
}
