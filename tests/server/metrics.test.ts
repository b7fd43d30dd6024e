import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetrics, type MetricsInput } from '../../utils/metrics';
import { Metrics, MetricsQuery, recordSchemas, type Change, type RecordType } from '../../utils/model';
import { call, clientOf, createTeam, exact, expectError, make, newClientId, numbered, startServer, type Server, type Team } from './client';
import { databaseKinds } from './databases';

const day = 86_400_000;
/** A calendar day (UTC) `offset` days from today. */
const dayFrom = (offset: number) => new Date(Date.now() + offset * day).toISOString().slice(0, 10);

/** Today ± 1 day in UTC: whatever the server stamps now is inside. */
const period = () => ({ from: dayFrom(-1), to: dayFrom(1), tz: 'UTC' });
const path = (q: Record<string, string>) => `/v1/metrics?${new URLSearchParams(q)}`;

const inputKeys: Partial<Record<RecordType, keyof MetricsInput>> = {
  definition: 'definitions',
  campaign: 'campaigns',
  play: 'plays',
  goal: 'goals',
  lead: 'leads',
  feedback: 'feedback',
};

/** What a client holds after a full pull, as computeMetrics' input. */
function inputOf(changes: Change[]): MetricsInput {
  const input: { [K in keyof MetricsInput]: unknown[] } = { definitions: [], campaigns: [], plays: [], goals: [], leads: [], feedback: [] };
  for (const change of changes) {
    const key = inputKeys[change.type];
    if (key) input[key].push(recordSchemas[change.type].parse(change.value));
  }
  return input as MetricsInput;
}

/** Marketing's documents and Sales' leads and feedback for one workspace, through the API. */
async function seed(server: Server, team: Team, campaignName: string) {
  const ids = {
    definition: randomUUID(),
    spring: randomUUID(),
    webinar: randomUUID(),
    play: randomUUID(),
    leads: Array.from({ length: 6 }, () => randomUUID()),
    webinarLead: randomUUID(),
    deletedLead: randomUUID(),
  };
  const doc = (name: string, over: Record<string, unknown>) => ({ ...make.campaign(ids.spring, 0, name).args.doc, ...over });
  const goal = (name: string, metric: string, target: number) => ({
    name: 'goal.put',
    args: { doc: { id: randomUUID(), name, owner: 'joint', metric, target, periodStart: dayFrom(-5), periodEnd: dayFrom(5) }, baseVersion: 0 },
  });
  const marketing = await clientOf(server.app, team.marketing.token).push(
    newClientId(),
    numbered(
      1,
      make.definition(ids.definition, null),
      { name: 'campaign.put', args: { doc: doc(campaignName, { startsOn: dayFrom(-10) }), baseVersion: 0 } },
      { name: 'campaign.put', args: { doc: doc('Webinar', { id: ids.webinar, product: 'Insights', startsOn: dayFrom(-1), endsOn: dayFrom(5) }), baseVersion: 0 } },
      { name: 'campaign.put', args: { doc: doc('Draft', { id: randomUUID(), status: 'draft', product: 'Drafts' }), baseVersion: 0 } },
      { name: 'play.put', args: { doc: { id: ids.play, name: 'Push', product: 'Tandem', startsOn: dayFrom(0), owner: 'Sales' }, baseVersion: 0 } },
      goal('Captured', 'leadsCaptured', 2),
      goal('Rate', 'acceptanceRate', 20),
      goal('Speed', 'medianHoursToFirstFeedback', 24),
      goal('Custom', 'custom', 3),
    ),
  );
  expect(marketing.every((r) => r.status === 'applied'), JSON.stringify(marketing)).toBe(true);

  const lead = (id: string, email: string, campaignId: string) => ({
    name: 'lead.capture',
    args: { ...make.lead(id).args, email, campaignId },
  });
  const sizes = [5, 8, 12, 15, 18];
  const sales = await clientOf(server.app, team.sales.token).push(
    newClientId(),
    numbered(
      1,
      ...ids.leads.map((id, i) => lead(id, `p${i}@smallco.com`, ids.spring)),
      lead(ids.webinarLead, 'grace@navy.mil', ids.webinar),
      lead(ids.deletedLead, 'gone@example.com', ids.spring),
      { name: 'lead.delete', args: { id: ids.deletedLead } },
      ...sizes.map((employees, i) =>
        make.feedback(randomUUID(), {
          subject: { contactKey: `email:p${i}@smallco.com`, leadId: ids.leads[i], facts: { employees } },
          verdict: 'reject',
          reasons: ['too-small'],
        }),
      ),
      make.feedback(randomUUID(), { subject: { contactKey: 'email:p5@smallco.com', leadId: ids.leads[5], facts: { employees: 500 } } }),
      // By email only: the lead's campaign is found through its address.
      make.feedback(randomUUID(), { subject: { contactKey: 'email:Grace@Navy.mil' } }),
    ),
  );
  expect(sales.every((r) => r.status === 'applied'), JSON.stringify(sales)).toBe(true);
  return ids;
}

describe.each(databaseKinds)('GET /v1/metrics on %s', (kind) => {
  let server: Server;
  let alpha: Team;
  let beta: Team;
  let ids: Awaited<ReturnType<typeof seed>>;

  beforeAll(async () => {
    server = await startServer(kind);
    alpha = await createTeam(server.db, 'Alpha');
    beta = await createTeam(server.db, 'Beta');
    ids = await seed(server, alpha, 'Spring launch');
    await seed(server, beta, 'Beta secret campaign');
  });
  afterAll(async () => {
    await server?.close();
  });

  async function metrics(token: string, q: Record<string, string> = period()): Promise<Metrics> {
    const answer = await call(server.app, path(q), {}, token);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return exact(Metrics, answer.body);
  }

  it('equals computeMetrics over the records a client pulls', async () => {
    const { changes } = await clientOf(server.app, alpha.admin.token).pullAll(newClientId());
    for (const q of [period(), { ...period(), tz: 'Asia/Tokyo' }, { from: dayFrom(-30), to: dayFrom(30), tz: 'America/Los_Angeles' }]) {
      const body = await metrics(alpha.admin.token, q);
      expect(body).toEqual(computeMetrics(inputOf(changes), MetricsQuery.parse(q), new Date()));
    }
  });

  it('counts what the workspace seeded, and nothing of another workspace', async () => {
    const body = await metrics(alpha.marketing.token);
    expect(body.period).toEqual({ from: dayFrom(-1), to: dayFrom(1), timeZone: 'UTC' });
    expect(body.leads).toEqual({ captured: 7, accepted: 2, rejected: 5, nurture: 0, acceptanceRate: 2 / 7 });
    expect(body.quality.map((q) => [q.campaignId, q.campaignName, q.total, q.rejected])).toEqual([
      [ids.spring, 'Spring launch', 6, 5],
      [ids.webinar, 'Webinar', 1, 0],
    ]);
    expect(body.quality[0]!.reasons).toEqual([{ reason: 'too-small', count: 5, share: 1 }]);
    expect(body.handoff).toMatchObject({ slaHours: 48, captured: 7, answered: 7, waiting: 0, overdue: 0, withinSla: 7, withinSlaShare: 1 });
    expect(body.goals.map((g) => [g.name, g.status])).toEqual([
      ['Captured', 'met'],
      ['Custom', 'not-computable'],
      ['Rate', 'met'],
      ['Speed', 'met'],
    ]);
    expect(body.timing.map((t) => [t.product, t.campaigns.length, t.plays.length, t.gaps.map((g) => g.kind)])).toEqual([
      ['Insights', 1, 0, ['campaign-without-play']],
      ['Tandem', 1, 1, ['campaign-without-play']],
    ]);
    expect(body.suggestions.map((s) => [s.id, s.text])).toEqual([
      ['too-small:all:employees', 'Consider employees ≥ 20'],
    ]);
    const text = JSON.stringify(body);
    expect(text).not.toContain('Beta');
    expect(text).not.toContain(beta.workspaceId);
  });

  it('lets a sales member read the numbers, the same as an admin', async () => {
    expect(await metrics(alpha.sales.token)).toEqual(await metrics(alpha.admin.token));
  });

  it.each([
    ['from', {}],
    ['from', { from: '2026-02-30', to: '2026-03-01' }],
    ['to', { from: '2026-03-01' }],
    ['to', { from: '2026-03-02', to: '2026-03-01' }],
    ['tz', { from: '2026-03-01', to: '2026-03-31', tz: 'Mars/Olympus_Mons' }],
    ['tz', { from: '2026-03-01', to: '2026-03-31', tz: '' }],
  ])('refuses a query with a bad %s, naming it', async (field, q: Record<string, string>) => {
    const error = expectError(await call(server.app, path(q), {}, alpha.sales.token), 400, 'invalid');
    expect(error.message).toContain(`${field}:`);
    expect((error.details as { issues: { path: string }[] }).issues[0]!.path).toBe(field);
  });

  it('answers 401 without a valid token', async () => {
    expectError(await call(server.app, path(period())), 401, 'unauthenticated');
    expectError(await call(server.app, path(period()), {}, 'not-a-token'), 401, 'unauthenticated');
  });

  it('skips a stored record that does not parse instead of failing', async () => {
    const before = await metrics(alpha.admin.token);
    const { seq } = await server.db.kysely.selectFrom('workspaces').select('seq').where('id', '=', alpha.workspaceId).executeTakeFirstOrThrow();
    await server.db.kysely
      .insertInto('records')
      .values([
        { workspace_id: alpha.workspaceId, type: 'lead', id: randomUUID(), version: 1, deleted: 0, seq: Number(seq) + 1000, doc: '{"id":"not a lead"}' },
        { workspace_id: alpha.workspaceId, type: 'feedback', id: randomUUID(), version: 1, deleted: 0, seq: Number(seq) + 1001, doc: 'not json' },
      ])
      .execute();
    expect(await metrics(alpha.admin.token)).toEqual(before);
  });
});
