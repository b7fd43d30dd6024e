import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { createApp } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/connect';
import { silentLogger } from '../../server/log';
import { addMember, createWorkspace } from '../../server/team';
import { ConnectResponse, ErrorBody, MeResponse, parseConnectCode, PullResponse, PushResponse, type Role } from '../../utils/model';
import { freshDatabase, type DatabaseKind } from './databases';

/** The sync API on a fresh database, with a rate limit no test reaches unless it means to. */
export interface Server {
  db: Db;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export async function startServer(kind: DatabaseKind): Promise<Server> {
  const fresh = await freshDatabase(kind);
  const db = await openDatabase(fresh.location);
  const app = createApp({ db, logger: silentLogger, rateLimit: { capacity: 1_000_000, refillPerSecond: 1_000_000 } });
  return {
    db,
    app,
    async close() {
      await db.close();
      await fresh.drop();
    },
  };
}

export interface TeamMember {
  memberId: string;
  name: string;
  role: Role;
  token: string;
}

export interface Team {
  workspaceId: string;
  name: string;
  admin: TeamMember;
  marketing: TeamMember;
  sales: TeamMember;
}

/** A workspace with one member of each role, made the way the CLI makes them. */
export async function createTeam(db: Db, name = 'Acme'): Promise<Team> {
  const admin = await createWorkspace(db, name, `${name} Admin`);
  const marketing = await addMember(db, admin.workspaceId, `${name} Marketer`, 'marketing');
  const sales = await addMember(db, admin.workspaceId, `${name} Rep`, 'sales');
  return {
    workspaceId: admin.workspaceId,
    name,
    admin: { memberId: admin.memberId, token: admin.token, name: `${name} Admin`, role: 'admin' },
    marketing: { ...marketing, name: `${name} Marketer`, role: 'marketing' },
    sales: { ...sales, name: `${name} Rep`, role: 'sales' },
  };
}

export interface Mutation {
  id: number;
  name: string;
  args?: unknown;
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

type App = Server['app'];

/** Sends a request and reads its JSON body (every answer of the API is JSON). */
export async function call(app: App, path: string, init: RequestInit = {}, token?: string): Promise<Answer> {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  const res = await app.request(path, { ...init, headers });
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  const body: unknown = await res.json();
  return { status: res.status, body, headers: res.headers };
}

/** Parses a body with the protocol's schema and checks nothing was dropped: the shape is exact. */
export function exact<T>(schema: { parse(value: unknown): T }, body: unknown): T {
  const parsed = schema.parse(body);
  expect(parsed).toEqual(body);
  return parsed;
}

/** What an error answer must look like: `{error: {code, message, details?}}`. */
export function expectError(answer: Answer, status: number, code: string): ErrorBody['error'] {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  const { error } = exact(ErrorBody, answer.body);
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(10);
  return error;
}

export interface PullOptions {
  cursor?: number;
  ack?: number;
  limit?: number;
}

/** A tiny sync client for one member: typed push, pull and me over `app.request`. */
export function clientOf(app: App, token: string) {
  return {
    token,
    pushRaw: (clientId: string, mutations: Mutation[]) =>
      call(app, '/v1/push', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId, mutations }) }, token),
    pullRaw(clientId: string, { cursor = 0, ack, limit }: PullOptions = {}) {
      const query = new URLSearchParams({ clientId, cursor: String(cursor) });
      if (ack !== undefined) query.set('ack', String(ack));
      if (limit !== undefined) query.set('limit', String(limit));
      return call(app, `/v1/pull?${query}`, {}, token);
    },
    /** Pushes and expects a 200 with an exact PushResponse. */
    async push(clientId: string, mutations: Mutation[]) {
      const answer = await this.pushRaw(clientId, mutations);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return exact(PushResponse, answer.body).results;
    },
    /** Pulls and expects a 200 with an exact PullResponse. */
    async pull(clientId: string, options: PullOptions = {}) {
      const answer = await this.pullRaw(clientId, options);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return exact(PullResponse, answer.body);
    },
    /** Every change after `cursor`, page by page. */
    async pullAll(clientId: string, { cursor = 0, limit }: PullOptions = {}) {
      const changes: PullResponse['changes'] = [];
      for (;;) {
        const page = await this.pull(clientId, { cursor, limit });
        changes.push(...page.changes);
        cursor = page.cursor;
        if (!page.more) return { changes, cursor };
      }
    },
    async me() {
      const answer = await call(app, '/v1/me', {}, token);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return exact(MeResponse, answer.body);
    },
  };
}

export type Client = ReturnType<typeof clientOf>;

export const newClientId = (): string => randomUUID();

/** Numbers mutations from `first` on, as a client's outbox does. */
export function numbered(first: number, ...mutations: Omit<Mutation, 'id'>[]): Mutation[] {
  return mutations.map((m, i) => ({ id: first + i, ...m }));
}

/** Valid mutations, with fresh ids unless given. */
export const make = {
  feedback(id: string = randomUUID(), over: Record<string, unknown> = {}) {
    return { name: 'feedback.create', args: { id, subject: { contactKey: 'ada@example.com', contactName: 'Ada' }, verdict: 'accept', reasons: [], note: '', ...over } };
  },
  reply(feedbackId: string, replyId: string = randomUUID(), body = 'Thanks, on it.') {
    return { name: 'feedback.reply', args: { feedbackId, replyId, body } };
  },
  lead(id: string = randomUUID()) {
    return { name: 'lead.capture', args: { id, name: 'Grace Hopper', company: 'Navy', phones: [], source: 'manual', status: 'new' } };
  },
  campaign(id: string, baseVersion: number, name = 'Spring launch') {
    return {
      name: 'campaign.put',
      args: {
        doc: { id, name, product: 'Tandem', status: 'active', startsOn: '2025-03-01', audience: [], targetAccounts: ['example.com'], talkingPoints: ['Faster hand-offs'], assets: [], owner: 'Marketing' },
        baseVersion,
      },
    };
  },
  definition(id: string, basedOn: number | null, name = 'Ideal customer') {
    return {
      name: 'definition.publish',
      args: {
        id,
        name,
        criteria: [{ id: randomUUID(), label: 'Big enough', field: 'employees', op: 'atLeast', value: 50, weight: 50 }],
        disqualifiers: [],
        threshold: 50,
        stages: [{ name: 'MQL', owner: 'marketing', entry: 'Fits the definition' }],
        sla: { acceptWithinHours: 48, minAttempts: 3 },
        basedOn,
      },
    };
  },
  play(id: string, baseVersion: number) {
    return { name: 'play.put', args: { doc: { id, name: 'Q2 push', product: 'Tandem', startsOn: '2025-04-01', owner: 'Sales' }, baseVersion } };
  },
  goal(id: string, baseVersion: number) {
    return {
      name: 'goal.put',
      args: { doc: { id, name: 'More accepted leads', owner: 'joint', metric: 'leadsAccepted', target: 40, periodStart: '2025-04-01', periodEnd: '2025-06-30' }, baseVersion },
    };
  },
};

/** A browser's User-Agent, for exchanges that should name their device. */
export const chromeOnMac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
export const firefoxOnWindows = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:143.0) Gecko/20100101 Firefox/143.0';

/** `POST /v1/connect` with the one-time code inside a connect code, as the extension sends it. */
export function connectRaw(app: App, connectCode: string, userAgent?: string): Promise<Answer> {
  const info = parseConnectCode(connectCode);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (userAgent) headers['user-agent'] = userAgent;
  return call(app, '/v1/connect', { method: 'POST', headers, body: JSON.stringify({ code: info.code ?? info.token }) });
}

/** Trades a connect code for a new device's token, expecting 201 with an exact ConnectResponse. */
export async function connectWith(app: App, connectCode: string, userAgent?: string): Promise<ConnectResponse> {
  const answer = await connectRaw(app, connectCode, userAgent);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return exact(ConnectResponse, answer.body);
}
