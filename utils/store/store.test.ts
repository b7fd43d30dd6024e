import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoIds } from '../demo';
import { MutationError } from '../mutators';
import { listRecentContacts } from './recent';
import { listRecords } from './records';
import { mutate } from './mutate';
import { onChange, type ChangeEvent } from './changes';
import { ensureDemoWorkspace, listWorkspaces, openActiveWorkspace, type Workspace } from './workspaces';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const feedbackArgs = (overrides: object = {}) => ({
  id: crypto.randomUUID(),
  subject: { contactKey: 'email:dana.whitfield@contoso.com', contactName: 'Dana Whitfield' },
  verdict: 'accept',
  reasons: [],
  note: 'Great fit, booked a call.',
  ...overrides,
});

async function outbox(ws: Workspace) {
  return ws.db.getAll('outbox');
}

describe('the demo workspace', () => {
  it('is seeded once, even when several views ask at the same time', async () => {
    await Promise.all([ensureDemoWorkspace(), ensureDemoWorkspace(), ensureDemoWorkspace()]);
    const ws = await openActiveWorkspace();
    expect(await listWorkspaces()).toHaveLength(1);
    expect(ws.info).toMatchObject({ kind: 'demo', name: 'Demo workspace' });
    const definitions = await listRecords(ws.db, 'definition');
    expect(definitions.records).toHaveLength(1);
    expect(definitions.records[0]!.criteria.length).toBeGreaterThanOrEqual(8);
    expect(definitions.records[0]!.disqualifiers.length).toBeGreaterThanOrEqual(2);
    const campaigns = await listRecords(ws.db, 'campaign');
    expect(campaigns.records).toHaveLength(4);
    expect(campaigns.records.filter((c) => c.status === 'ended')).toHaveLength(1);
    expect((await listRecords(ws.db, 'play')).records).toHaveLength(2);
    const recent = await listRecentContacts(ws.db);
    expect(recent.length).toBeGreaterThanOrEqual(5);
    expect(recent[0]!.contact.name).toBe('Dana Whitfield');
    expect(await outbox(ws)).toEqual([]);
  });
});

describe('mutate', () => {
  it('applies feedback at once and queues it in the outbox in order', async () => {
    const ws = await openActiveWorkspace();
    const first = feedbackArgs();
    await mutate(ws.db, ws.info.id, 'feedback.create', first, ws.info.member);
    await mutate(ws.db, ws.info.id, 'feedback.reply', { feedbackId: first.id, replyId: crypto.randomUUID(), body: 'Thanks!' }, ws.info.member);

    const feedback = (await listRecords(ws.db, 'feedback')).records.find((f) => f.id === first.id);
    expect(feedback).toMatchObject({ verdict: 'accept', note: 'Great fit, booked a call.', author: { name: 'You (demo)' }, version: 2 });
    expect(feedback!.replies.map((r) => r.body)).toEqual(['Thanks!']);
    expect((await outbox(ws)).map((m) => [m.mutationId, m.name])).toEqual([
      [1, 'feedback.create'],
      [2, 'feedback.reply'],
    ]);
  });

  it('re-applying the same reply adds it once', async () => {
    const ws = await openActiveWorkspace();
    const reply = { feedbackId: demoIds.feedback, replyId: crypto.randomUUID(), body: 'Agreed.' };
    await mutate(ws.db, ws.info.id, 'feedback.reply', reply, ws.info.member);
    await mutate(ws.db, ws.info.id, 'feedback.reply', reply, ws.info.member);
    const feedback = (await listRecords(ws.db, 'feedback')).records.find((f) => f.id === demoIds.feedback)!;
    expect(feedback.replies.filter((r) => r.body === 'Agreed.')).toHaveLength(1);
  });

  it.each([
    ['a rejection without a reason', 'feedback.create', feedbackArgs({ verdict: 'reject' }), 'invalid', /pick at least one reason/],
    ['an unknown verdict', 'feedback.create', feedbackArgs({ verdict: 'maybe' }), 'invalid', /verdict/],
    ['a reply to missing feedback', 'feedback.reply', { feedbackId: crypto.randomUUID(), replyId: crypto.randomUUID(), body: 'Hi' }, 'not-found', /no longer exists/],
    ['an empty reply', 'feedback.reply', { feedbackId: demoIds.feedback, replyId: crypto.randomUUID(), body: '   ' }, 'invalid', /Write a reply first/],
    ['an unknown mutation', 'feedback.destroy', {}, 'invalid', /does not know/],
  ])('refuses %s, and stores nothing', async (_what, name, args, code, message) => {
    const ws = await openActiveWorkspace();
    const before = await ws.db.getAll('records');
    const error = await mutate(ws.db, ws.info.id, name, args, ws.info.member).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MutationError);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(await ws.db.getAll('records')).toEqual(before);
    expect(await outbox(ws)).toEqual([]);
  });

  it('refuses a sales member publishing the definition', async () => {
    const ws = await openActiveWorkspace();
    const [definition] = (await listRecords(ws.db, 'definition')).records;
    const { version: _v, deleted: _d, updatedAt: _u, number, publishedAt: _p, publishedBy: _b, ...draft } = definition!;
    const args = { ...draft, id: crypto.randomUUID(), threshold: 70, basedOn: number };
    const rep = { memberId: demoIds.rep, name: 'Jordan Lee', role: 'sales' as const };
    await expect(mutate(ws.db, ws.info.id, 'definition.publish', args, rep)).rejects.toMatchObject({ code: 'forbidden' });
    await mutate(ws.db, ws.info.id, 'definition.publish', args, ws.info.member);
    const versions = (await listRecords(ws.db, 'definition')).records.map((d) => [d.number, d.threshold]);
    expect(versions.sort()).toEqual([[1, 60], [2, 70]]);
  });

  it('tells every listener what changed', async () => {
    const ws = await openActiveWorkspace();
    const events: ChangeEvent[] = [];
    const off = onChange((e) => events.push(e));
    await mutate(ws.db, ws.info.id, 'feedback.create', feedbackArgs(), ws.info.member);
    off();
    expect(events).toContainEqual({ workspaceId: 'demo', topics: ['feedback', 'outbox'] });
  });
});

describe('reading records', () => {
  it('skips a damaged record and says which', async () => {
    const ws = await openActiveWorkspace();
    const id = crypto.randomUUID();
    await ws.db.put('records', { type: 'campaign', id, doc: { id, name: 'Half-written campaign' } });
    const campaigns = await listRecords(ws.db, 'campaign');
    expect(campaigns.records).toHaveLength(4);
    expect(campaigns.problems).toEqual([{ type: 'campaign', id, message: expect.any(String) }]);
  });
});
