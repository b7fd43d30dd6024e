import { describe, expect, it } from 'vitest';
import { Feedback, ReadState, type Role } from './model';
import { followsThread, isNewFor, lastReadAt, markThreadsRead, readBatches, unreadFeedback } from './unread';

const ids = {
  rep: '00000000-0000-4000-8000-0000000000a1',
  otherRep: '00000000-0000-4000-8000-0000000000a2',
  marketer: '00000000-0000-4000-8000-0000000000b1',
  admin: '00000000-0000-4000-8000-0000000000c1',
};
const names: Record<string, string> = { [ids.rep]: 'Jordan', [ids.otherRep]: 'Sam', [ids.marketer]: 'Priya', [ids.admin]: 'Alex' };
const author = (memberId: string) => ({ memberId, name: names[memberId] ?? 'Someone' });

let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

/** Feedback built through the schema, as the store would read it. */
function feedback(by: string, createdAt: string, replies: [by: string, at: string][] = [], extra: { deleted?: boolean } = {}): Feedback {
  return Feedback.parse({
    id: uuid(),
    version: 1 + replies.length,
    deleted: extra.deleted ?? false,
    updatedAt: replies.at(-1)?.[1] ?? createdAt,
    subject: { contactKey: 'email:dana@acme.com', contactName: 'Dana Lee' },
    verdict: 'reject',
    reasons: ['no-budget'],
    note: 'Said next year.',
    author: author(by),
    createdAt,
    replies: replies.map(([who, at]) => ({ id: uuid(), body: 'Noted.', author: author(who), createdAt: at })),
  });
}

function read(memberId: string, seen: Record<string, string>, extra: { deleted?: boolean } = {}): ReadState {
  return ReadState.parse({ id: memberId, version: 1, deleted: extra.deleted ?? false, updatedAt: '2026-03-01T00:00:00.000Z', seen });
}

const me = (memberId: string, role: Role) => ({ memberId, role });
const marketer = me(ids.marketer, 'marketing');
const rep = me(ids.rep, 'sales');

describe('unreadFeedback: with no read record', () => {
  it('counts every thread someone else wrote, for Marketing', () => {
    const a = feedback(ids.rep, '2026-03-01T09:00:00.000Z');
    const b = feedback(ids.otherRep, '2026-03-01T10:00:00.000Z');
    expect(unreadFeedback([a, b], undefined, marketer)).toEqual([a, b]);
  });

  it('does not count a thread only I wrote in', () => {
    const mine = feedback(ids.rep, '2026-03-01T09:00:00.000Z');
    expect(unreadFeedback([mine], undefined, rep)).toEqual([]);
    const marketingsOwn = feedback(ids.marketer, '2026-03-01T09:00:00.000Z', [[ids.marketer, '2026-03-01T09:05:00.000Z']]);
    expect(unreadFeedback([marketingsOwn], undefined, marketer)).toEqual([]);
  });

  it('counts my feedback once Marketing has replied', () => {
    const answered = feedback(ids.rep, '2026-03-01T09:00:00.000Z', [[ids.marketer, '2026-03-01T11:00:00.000Z']]);
    expect(unreadFeedback([answered], undefined, rep)).toEqual([answered]);
  });

  it('treats a deleted read record as no marks', () => {
    const f = feedback(ids.rep, '2026-03-01T09:00:00.000Z');
    expect(unreadFeedback([f], read(ids.marketer, { [f.id]: '2026-03-02T00:00:00.000Z' }, { deleted: true }), marketer)).toEqual([f]);
  });
});

describe('unreadFeedback: against my read marks', () => {
  it('a thread read after everything in it is read', () => {
    const f = feedback(ids.rep, '2026-03-01T09:00:00.000Z', [[ids.otherRep, '2026-03-01T10:00:00.000Z']]);
    expect(unreadFeedback([f], read(ids.marketer, { [f.id]: '2026-03-01T10:00:01.000Z' }), marketer)).toEqual([]);
  });

  it('a mark at exactly the newest entry counts as read', () => {
    const f = feedback(ids.rep, '2026-03-01T09:00:00.000Z');
    expect(unreadFeedback([f], read(ids.marketer, { [f.id]: '2026-03-01T09:00:00.000Z' }), marketer)).toEqual([]);
  });

  it('a reply by me after my mark does not make the thread unread', () => {
    const f = feedback(ids.rep, '2026-03-01T09:00:00.000Z', [
      [ids.marketer, '2026-03-01T10:00:00.000Z'],
      [ids.rep, '2026-03-01T12:00:00.000Z'],
    ]);
    expect(unreadFeedback([f], read(ids.rep, { [f.id]: '2026-03-01T11:00:00.000Z' }), rep)).toEqual([]);
  });

  it('a reply by someone else after my mark makes it unread again', () => {
    const f = feedback(ids.rep, '2026-03-01T09:00:00.000Z', [
      [ids.marketer, '2026-03-01T10:00:00.000Z'],
      [ids.marketer, '2026-03-01T12:00:00.000Z'],
    ]);
    expect(unreadFeedback([f], read(ids.rep, { [f.id]: '2026-03-01T11:00:00.000Z' }), rep)).toEqual([f]);
  });

  it('a mark on another thread does not count for this one', () => {
    const f = feedback(ids.rep, '2026-03-01T09:00:00.000Z');
    const g = feedback(ids.rep, '2026-03-01T09:30:00.000Z');
    expect(unreadFeedback([f, g], read(ids.marketer, { [g.id]: '2026-03-02T00:00:00.000Z' }), marketer)).toEqual([f]);
  });

  it('compares instants, not strings, across offsets', () => {
    // 10:30+02:00 is 08:30Z: before the mark at 09:00Z, though it sorts after it as text.
    const before = feedback(ids.rep, '2026-03-01T10:30:00+02:00');
    // 09:30Z is after a mark of 10:00+02:00 (08:00Z), though it sorts before it as text.
    const after = feedback(ids.rep, '2026-03-01T09:30:00Z');
    const marks = read(ids.marketer, { [before.id]: '2026-03-01T09:00:00.000Z', [after.id]: '2026-03-01T10:00:00+02:00' });
    expect(unreadFeedback([before, after], marks, marketer)).toEqual([after]);
  });

  it('compares replies as instants too', () => {
    const f = feedback(ids.rep, '2026-03-01T06:00:00Z', [[ids.marketer, '2026-03-01T11:00:00.000+02:00']]); // 09:00Z
    expect(unreadFeedback([f], read(ids.rep, { [f.id]: '2026-03-01T09:30:00Z' }), rep)).toEqual([]);
    expect(unreadFeedback([f], read(ids.rep, { [f.id]: '2026-03-01T08:30:00Z' }), rep)).toEqual([f]);
  });
});

describe('unreadFeedback: who follows which threads', () => {
  const byMe = feedback(ids.rep, '2026-03-01T09:00:00.000Z', [[ids.marketer, '2026-03-01T10:00:00.000Z']]);
  const repliedByMe = feedback(ids.otherRep, '2026-03-01T09:00:00.000Z', [
    [ids.rep, '2026-03-01T09:30:00.000Z'],
    [ids.marketer, '2026-03-01T10:00:00.000Z'],
  ]);
  const notMine = feedback(ids.otherRep, '2026-03-01T09:00:00.000Z', [[ids.marketer, '2026-03-01T10:00:00.000Z']]);
  const all = [byMe, repliedByMe, notMine];

  it('Sales hears back only where they gave feedback or replied', () => {
    expect(unreadFeedback(all, undefined, rep)).toEqual([byMe, repliedByMe]);
    expect(followsThread(notMine, rep)).toBe(false);
  });

  it('Marketing and admins follow every thread', () => {
    expect(unreadFeedback(all, undefined, marketer)).toEqual(all);
    expect(unreadFeedback(all, undefined, me(ids.admin, 'admin'))).toEqual(all);
  });

  it('a marketer who gave feedback is not told about their own thread, but is about a Sales reply', () => {
    const own = feedback(ids.marketer, '2026-03-01T09:00:00.000Z');
    const answered = feedback(ids.marketer, '2026-03-01T09:00:00.000Z', [[ids.rep, '2026-03-01T10:00:00.000Z']]);
    expect(unreadFeedback([own, answered], undefined, marketer)).toEqual([answered]);
  });
});

describe('unreadFeedback: deleted feedback', () => {
  it('never counts, whoever reads', () => {
    const gone = feedback(ids.rep, '2026-03-01T09:00:00.000Z', [[ids.marketer, '2026-03-01T10:00:00.000Z']], { deleted: true });
    expect(unreadFeedback([gone], undefined, marketer)).toEqual([]);
    expect(unreadFeedback([gone], undefined, rep)).toEqual([]);
  });
});

describe('helpers', () => {
  it('lastReadAt is -Infinity without a mark and the instant with one', () => {
    const id = uuid();
    expect(lastReadAt(undefined, id)).toBe(Number.NEGATIVE_INFINITY);
    expect(lastReadAt(read(ids.rep, {}), id)).toBe(Number.NEGATIVE_INFINITY);
    expect(lastReadAt(read(ids.rep, { [id]: '2026-03-01T10:00:00+02:00' }), id)).toBe(Date.parse('2026-03-01T08:00:00Z'));
  });

  it('isNewFor: only what others wrote after the mark', () => {
    const since = Date.parse('2026-03-01T10:00:00Z');
    expect(isNewFor({ author: author(ids.marketer), createdAt: '2026-03-01T10:00:01Z' }, rep, since)).toBe(true);
    expect(isNewFor({ author: author(ids.rep), createdAt: '2026-03-01T10:00:01Z' }, rep, since)).toBe(false);
    expect(isNewFor({ author: author(ids.marketer), createdAt: '2026-03-01T11:00:00+02:00' }, rep, since)).toBe(false);
  });

  it('readBatches: at most 500 ids a call, without duplicates', () => {
    const many = Array.from({ length: 1203 }, (_, i) => `id-${i}`);
    const batches = readBatches([...many, 'id-0', 'id-1']);
    expect(batches.map((b) => b.length)).toEqual([500, 500, 203]);
    expect(batches.flat()).toEqual(many);
    expect(readBatches([])).toEqual([]);
  });

  it('markThreadsRead writes feedback.read once per batch', async () => {
    const calls: [string, unknown][] = [];
    await markThreadsRead(async (name, args) => void calls.push([name, args]), Array.from({ length: 501 }, (_, i) => `id-${i}`));
    expect(calls.map(([name, args]) => [name, (args as { feedbackIds: string[] }).feedbackIds.length])).toEqual([
      ['feedback.read', 500],
      ['feedback.read', 1],
    ]);
  });
});
