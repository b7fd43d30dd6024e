import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeMember, rotateToken } from '../../server/team';
import { call, clientOf, createTeam, expectError, make, newClientId, numbered, startServer, type Client, type Server, type Team } from './client';
import { databaseKinds } from './databases';

/** Every /v1 route, as a request a client could send. */
const routes = (clientId: string): { path: string; init: RequestInit }[] => [
  { path: '/v1/me', init: {} },
  { path: `/v1/pull?clientId=${clientId}`, init: {} },
  { path: '/v1/push', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId, mutations: numbered(1, make.lead()) }) } },
  { path: '/v1/push', init: { method: 'POST', body: '{not json' } },
  { path: '/v1/nope', init: {} },
];

describe.each(databaseKinds)('workspaces and tokens on %s', (kind) => {
  let server: Server;
  let a: Team;
  let b: Team;
  /** B's records, by name. */
  const theirs = { feedback: randomUUID(), lead: randomUUID(), campaign: randomUUID(), definition: randomUUID(), play: randomUUID(), goal: randomUUID() };
  let bClient: string;
  let bReader: Client;

  beforeAll(async () => {
    server = await startServer(kind);
    a = await createTeam(server.db, 'Alpha');
    b = await createTeam(server.db, 'Beta');
    bClient = newClientId();
    bReader = clientOf(server.app, b.admin.token);
    const results = await clientOf(server.app, b.marketing.token).push(
      bClient,
      numbered(
        1,
        make.feedback(theirs.feedback),
        make.reply(theirs.feedback),
        make.lead(theirs.lead),
        make.campaign(theirs.campaign, 0),
        make.definition(theirs.definition, null),
        make.play(theirs.play, 0),
        make.goal(theirs.goal, 0),
        { name: 'nope.nothing', args: {} },
      ),
    );
    expect(results.filter((r) => r.status !== 'applied').map((r) => r.id)).toEqual([8]);
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Everything B's members can see, for before/after comparisons. */
  async function stateOfB() {
    const rows = await server.db.kysely.selectFrom('records').selectAll().where('workspace_id', '=', b.workspaceId).orderBy('seq').execute();
    return { rows, pulled: await bReader.pullAll(newClientId()) };
  }

  it('lets a token of one workspace read nothing of another', async () => {
    const bIds = new Set([...Object.values(theirs), b.admin.memberId, b.marketing.memberId, b.sales.memberId]);
    for (const member of [a.admin, a.marketing, a.sales]) {
      const as = clientOf(server.app, member.token);
      expect(await as.me()).toEqual({ workspace: { id: a.workspaceId, name: 'Alpha' }, member: { id: member.memberId, name: member.name, role: member.role } });
      const clientId = newClientId();
      const { changes } = await as.pullAll(clientId, { limit: 2 });
      expect(changes.map((c) => c.id).sort()).toEqual([a.admin.memberId, a.marketing.memberId, a.sales.memberId].sort());
      expect(changes.filter((c) => bIds.has(c.id))).toEqual([]);
      const text = JSON.stringify(await as.pull(clientId, { ack: 0 }));
      expect(text).not.toMatch(/Beta/);
      expect(text).not.toContain(b.workspaceId);
      // B's outcomes are B's client's alone: A cannot read them through B's clientId either.
      expectError(await as.pullRaw(bClient, { ack: 0 }), 403, 'client-of-another-member');
    }
  });

  it('lets a token of one workspace change nothing in another', async () => {
    const before = await stateOfB();
    const sales = clientOf(server.app, a.sales.token);
    const marketing = clientOf(server.app, a.marketing.token);

    const salesResults = await sales.push(
      newClientId(),
      numbered(
        1,
        make.reply(theirs.feedback),
        { name: 'lead.update', args: { id: theirs.lead, changes: { status: 'rejected' }, baseVersion: 1 } },
        { name: 'lead.delete', args: { id: theirs.lead } },
      ),
    );
    expect(salesResults).toEqual([
      { id: 1, status: 'error', error: { code: 'not-found', message: expect.any(String) } },
      { id: 2, status: 'error', error: { code: 'not-found', message: expect.any(String) } },
      { id: 3, status: 'applied' }, // deleting what is not there is done
    ]);

    const marketingResults = await marketing.push(
      newClientId(),
      numbered(
        1,
        make.campaign(theirs.campaign, 1, 'Hijacked'),
        make.campaign(theirs.campaign, 0, 'Same id, our own'),
        make.definition(theirs.definition, null, 'Same id, our own'),
        make.feedback(theirs.feedback, { note: 'Same id, our own' }),
        make.play(theirs.play, 1),
        make.goal(theirs.goal, 1),
      ),
    );
    expect(marketingResults).toEqual([
      { id: 1, status: 'conflict', error: { code: 'conflict', message: expect.any(String) } },
      { id: 2, status: 'applied' },
      { id: 3, status: 'applied' },
      { id: 4, status: 'applied' },
      // B's documents are unknown in A: version 0 there, and no `current` from B comes back.
      { id: 5, status: 'conflict', error: { code: 'conflict', message: expect.any(String) } },
      { id: 6, status: 'conflict', error: { code: 'conflict', message: expect.any(String) } },
    ]);

    // B is exactly as it was; what A made with B's ids lives in A.
    expect(await stateOfB()).toEqual(before);
    const { changes } = await sales.pullAll(newClientId());
    const campaign = changes.find((c) => c.id === theirs.campaign);
    expect(campaign).toMatchObject({ type: 'campaign', version: 1, value: { name: 'Same id, our own' } });
    expect(changes.find((c) => c.id === theirs.definition)).toMatchObject({ value: { name: 'Same id, our own', number: 1, publishedBy: 'Alpha Marketer' } });
    expect(changes.find((c) => c.id === theirs.feedback)).toMatchObject({ version: 1, value: { note: 'Same id, our own', replies: [] } });
    expect(changes.some((c) => c.id === theirs.lead)).toBe(false);
  });

  it('refuses a clientId of another workspace on push and pull, and applies nothing', async () => {
    const before = await stateOfB();
    const as = clientOf(server.app, a.admin.token);
    expectError(await as.pushRaw(bClient, numbered(9, make.reply(theirs.feedback))), 403, 'client-of-another-member');
    expectError(await as.pushRaw(bClient, numbered(1, make.reply(theirs.feedback))), 403, 'client-of-another-member');
    expectError(await as.pullRaw(bClient), 403, 'client-of-another-member');
    expect(await stateOfB()).toEqual(before);
  });

  it('shuts a revoked member out of every /v1 route at once, and no one else', async () => {
    const team = await createTeam(server.db, 'Gamma');
    const clientId = newClientId();
    const gone = clientOf(server.app, team.sales.token);
    await gone.push(clientId, numbered(1, make.lead()));
    await revokeMember(server.db, team.sales.memberId);

    for (const { path, init } of routes(clientId)) {
      const error = expectError(await call(server.app, path, init, team.sales.token), 401, 'unauthenticated');
      expect(error.message).toMatch(/revoked/);
    }
    // Its install's clientId stays its own.
    const admin = clientOf(server.app, team.admin.token);
    expectError(await admin.pullRaw(clientId), 403, 'client-of-another-member');
    expect((await admin.me()).member.id).toBe(team.admin.memberId);
    await expect(rotateToken(server.db, team.sales.memberId)).rejects.toThrow(/revoked/);
  });

  it('makes a rotated token the only one that works, for the same member and install', async () => {
    const team = await createTeam(server.db, 'Delta');
    const clientId = newClientId();
    const feedbackId = randomUUID();
    const mutations = numbered(1, make.feedback(feedbackId));
    await clientOf(server.app, team.marketing.token).push(clientId, mutations);

    const { token } = await rotateToken(server.db, team.marketing.memberId);
    expect(token).not.toBe(team.marketing.token);
    for (const { path, init } of routes(clientId)) expectError(await call(server.app, path, init, team.marketing.token), 401, 'unauthenticated');

    const renewed = clientOf(server.app, token);
    expect((await renewed.me()).member).toEqual({ id: team.marketing.memberId, name: 'Delta Marketer', role: 'marketing' });
    expect(await renewed.push(clientId, mutations)).toEqual([{ id: 1, status: 'duplicate' }]);
    expect(await renewed.push(clientId, numbered(2, make.reply(feedbackId)))).toEqual([{ id: 2, status: 'applied' }]);
    expect(await renewed.pull(clientId)).toMatchObject({ lastMutationId: 2 });

    // Rotating again retires the second token too.
    const third = await rotateToken(server.db, team.marketing.memberId);
    expectError(await call(server.app, '/v1/me', {}, token), 401, 'unauthenticated');
    expect((await clientOf(server.app, third.token).me()).member.id).toBe(team.marketing.memberId);
  });

  it('asks for “Authorization: Bearer <token>” when there is no token or the header is malformed', async () => {
    const clientId = newClientId();
    const headers = [undefined, '', 'Bearer', 'Bearer ', `Token ${a.sales.token}`, `Basic ${Buffer.from('admin:admin').toString('base64')}`, `Bearer ${a.sales.token} extra`, a.sales.token];
    for (const authorization of headers) {
      for (const { path, init } of routes(clientId)) {
        const answer = await call(server.app, path, { ...init, headers: { ...(init.headers as Record<string, string>), ...(authorization === undefined ? {} : { authorization }) } });
        const error = expectError(answer, 401, 'unauthenticated');
        expect(error.message).toContain('Authorization: Bearer');
      }
    }
    // A well-formed token that is not one: 401 as well, and nothing was bound or applied.
    for (const { path, init } of routes(clientId)) {
      expectError(await call(server.app, path, init, `tdm_${'A'.repeat(43)}`), 401, 'unauthenticated');
    }
    expect(await server.db.kysely.selectFrom('clients').select('id').where('id', '=', clientId).executeTakeFirst()).toBeUndefined();
    // The scheme is case-insensitive, as HTTP says.
    expect((await call(server.app, '/v1/me', { headers: { authorization: `bearer ${a.sales.token}` } })).status).toBe(200);
  });
});
