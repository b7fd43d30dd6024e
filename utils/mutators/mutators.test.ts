import { describe, expect, it } from 'vitest';
import { factId, maxReadMarks, type AnyRecord, type RecordOf, type RecordType, type Role } from '../model';
import { canChangeLead, latestDefinition, mutatorNamed, MutationError, sameFactValue, type MutationTx } from '.';

// The shared mutators on their own, against an in-memory store: the rules every install and
// the server apply to the team's data, each as a person would meet it.

function memoryTx() {
  const rows = new Map<string, AnyRecord>();
  const tx: MutationTx = {
    get: async <T extends RecordType>(type: T, id: string) => rows.get(`${type}/${id}`) as RecordOf<T> | undefined,
    put: async (type, record) => void rows.set(`${type}/${record.id}`, structuredClone(record)),
    list: async <T extends RecordType>(type: T) => [...rows].filter(([k]) => k.startsWith(`${type}/`)).map(([, r]) => r as RecordOf<T>),
  };
  return { tx, rows, one: <T extends RecordType>(type: T, id: string) => rows.get(`${type}/${id}`) as RecordOf<T> | undefined };
}

const people = {
  ada: { memberId: '00000000-0000-4000-8000-00000000000a', name: 'Ada Admin', role: 'admin' as Role },
  mia: { memberId: '00000000-0000-4000-8000-00000000000b', name: 'Mia Marketing', role: 'marketing' as Role },
  sam: { memberId: '00000000-0000-4000-8000-00000000000c', name: 'Sam Sales', role: 'sales' as Role },
  sol: { memberId: '00000000-0000-4000-8000-00000000000d', name: 'Sol Sales', role: 'sales' as Role },
};
type Person = (typeof people)[keyof typeof people];

/** Runs a mutation as both sides do: its args parsed with its schema, its roles checked, then applied. */
async function run(tx: MutationTx, name: string, args: unknown, actor: Person = people.ada, now = '2025-05-01T10:00:00.000Z') {
  const mutator = mutatorNamed(name);
  if (!mutator) throw new Error(`no mutator ${name}`);
  if (!mutator.roles.includes(actor.role)) throw new MutationError('forbidden', `${actor.role} may not ${name}`);
  await mutator.apply(tx, mutator.args.parse(args), { actor, now });
}
const refusal = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MutationError);
  return error as MutationError;
};

const id = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('roles', () => {
  it('lets every member give feedback, capture leads and remember facts; only Marketing and admins publish and edit documents', () => {
    const roles = (name: string) => [...(mutatorNamed(name)?.roles ?? [])].sort();
    for (const name of ['feedback.create', 'feedback.reply', 'feedback.read', 'lead.capture', 'lead.update', 'lead.delete', 'fact.put']) {
      expect(roles(name), name).toEqual(['admin', 'marketing', 'sales']);
    }
    for (const name of ['definition.publish', 'campaign.put', 'play.put', 'goal.put']) expect(roles(name), name).toEqual(['admin', 'marketing']);
    expect(mutatorNamed('constructor')).toBeUndefined();
    expect(mutatorNamed('__proto__')).toBeUndefined();
  });
});

describe('feedback', () => {
  const feedback = (over: object = {}) => ({ id: id(1), subject: { contactKey: 'ada@example.com', contactName: 'Ada' }, verdict: 'accept', reasons: [], note: '', ...over });

  it('records who gave it and when, each reason once, and is not given twice', async () => {
    const { tx, one } = memoryTx();
    await run(tx, 'feedback.create', feedback({ verdict: 'reject', reasons: ['wrong-persona', 'wrong-persona', 'no-budget'] }), people.sam);
    expect(one('feedback', id(1))).toMatchObject({
      verdict: 'reject',
      reasons: ['wrong-persona', 'no-budget'],
      author: { memberId: people.sam.memberId, name: 'Sam Sales' },
      createdAt: '2025-05-01T10:00:00.000Z',
      replies: [],
      version: 1,
      deleted: false,
    });
    await run(tx, 'feedback.create', feedback({ verdict: 'accept', reasons: [] }), people.sol, '2025-05-02T10:00:00.000Z');
    expect(one('feedback', id(1))).toMatchObject({ verdict: 'reject', author: { name: 'Sam Sales' }, version: 1 });
  });

  it('refuses a rejection without a reason, saying so', async () => {
    const { tx, one } = memoryTx();
    const error = await refusal(run(tx, 'feedback.create', feedback({ verdict: 'reject', reasons: [] })));
    expect(error).toMatchObject({ code: 'invalid', message: 'Say why the lead is rejected: pick at least one reason.' });
    expect(one('feedback', id(1))).toBeUndefined();
    expect(() => mutatorNamed('feedback.create')!.args.parse(feedback({ reasons: Array(11).fill('no-budget') }))).toThrow();
  });

  it('adds replies in order, once each, and refuses a reply to feedback that is gone', async () => {
    const { tx, one } = memoryTx();
    await run(tx, 'feedback.create', feedback(), people.sam);
    await run(tx, 'feedback.reply', { feedbackId: id(1), replyId: id(2), body: 'Thanks' }, people.mia, '2025-05-01T11:00:00.000Z');
    await run(tx, 'feedback.reply', { feedbackId: id(1), replyId: id(2), body: 'Thanks' }, people.mia, '2025-05-01T11:30:00.000Z');
    await run(tx, 'feedback.reply', { feedbackId: id(1), replyId: id(3), body: 'On it' }, people.sam, '2025-05-01T12:00:00.000Z');
    expect(one('feedback', id(1))).toMatchObject({
      version: 3,
      updatedAt: '2025-05-01T12:00:00.000Z',
      replies: [
        { id: id(2), body: 'Thanks', author: { memberId: people.mia.memberId, name: 'Mia Marketing' }, createdAt: '2025-05-01T11:00:00.000Z' },
        { id: id(3), body: 'On it', author: { memberId: people.sam.memberId, name: 'Sam Sales' }, createdAt: '2025-05-01T12:00:00.000Z' },
      ],
    });
    const missing = await refusal(run(tx, 'feedback.reply', { feedbackId: id(9), replyId: id(4), body: 'Hello?' }));
    expect(missing).toMatchObject({ code: 'not-found', message: 'That feedback no longer exists, so the reply was not added.' });
    await tx.put('feedback', { ...one('feedback', id(1))!, deleted: true });
    expect(await refusal(run(tx, 'feedback.reply', { feedbackId: id(1), replyId: id(5), body: 'Late' }))).toMatchObject({ code: 'not-found' });
  });

  it("marks threads read for the member who reads them, only ever forward, and keeps the newest marks", async () => {
    const { tx, one } = memoryTx();
    await run(tx, 'feedback.read', { feedbackIds: [id(1), id(2)] }, people.sam, '2025-05-01T10:00:00.000Z');
    await run(tx, 'feedback.read', { feedbackIds: [id(2)] }, people.sam, '2025-05-03T10:00:00.000Z');
    // A device with a slow clock sends an older mark: it does not move the mark back.
    await run(tx, 'feedback.read', { feedbackIds: [id(1)] }, people.sam, '2025-04-01T10:00:00.000Z');
    expect(one('read', people.sam.memberId)).toEqual({
      id: people.sam.memberId,
      seen: { [id(1)]: '2025-05-01T10:00:00.000Z', [id(2)]: '2025-05-03T10:00:00.000Z' },
      version: 3,
      deleted: false,
      updatedAt: '2025-04-01T10:00:00.000Z',
    });
    expect(one('read', people.mia.memberId)).toBeUndefined();
    expect(() => mutatorNamed('feedback.read')!.args.parse({ feedbackIds: [] })).toThrow();

    const many = Object.fromEntries(Array.from({ length: maxReadMarks }, (_, i) => [id(100 + i), '2025-01-01T00:00:00.000Z']));
    many[id(50)] = '2024-01-01T00:00:00.000Z'; // the oldest mark
    await tx.put('read', { id: people.mia.memberId, seen: many, version: 1, deleted: false, updatedAt: '2025-01-01T00:00:00.000Z' });
    await run(tx, 'feedback.read', { feedbackIds: [id(7)] }, people.mia, '2025-05-01T10:00:00.000Z');
    const seen = one('read', people.mia.memberId)!.seen;
    expect(Object.keys(seen)).toHaveLength(maxReadMarks);
    expect(seen[id(7)]).toBe('2025-05-01T10:00:00.000Z');
    expect(seen[id(50)]).toBeUndefined();
  });
});

describe('leads', () => {
  const lead = { id: id(1), name: 'Grace Hopper', email: 'grace@navy.example', company: 'Navy', phones: [], source: 'manual', status: 'new' };

  it('captures a lead as the member who captured it, once', async () => {
    const { tx, one } = memoryTx();
    await run(tx, 'lead.capture', lead, people.sam);
    await run(tx, 'lead.capture', { ...lead, name: 'Someone else' }, people.sol);
    expect(one('lead', id(1))).toMatchObject({ name: 'Grace Hopper', capturedBy: { memberId: people.sam.memberId, name: 'Sam Sales' }, capturedAt: '2025-05-01T10:00:00.000Z', version: 1, deleted: false });
    // What the server keeps is not the client's to say.
    const parsed = mutatorNamed('lead.capture')!.args.parse({ ...lead, version: 7, deleted: true, updatedAt: 'x', capturedBy: people.sol, capturedAt: 'x' });
    expect(parsed).toMatchObject(lead);
    for (const kept of ['version', 'deleted', 'updatedAt', 'capturedBy', 'capturedAt']) expect(parsed).not.toHaveProperty(kept);
    // An edit cannot move a lead to another id, or claim it for someone else.
    const edit = mutatorNamed('lead.update')!.args.parse({ id: id(1), changes: { id: id(2), title: 'CTO', capturedBy: people.sol }, baseVersion: 1 }) as { changes: object };
    expect(edit.changes).toMatchObject({ title: 'CTO' });
    expect(edit.changes).not.toHaveProperty('id');
    expect(edit.changes).not.toHaveProperty('capturedBy');
  });

  it('lets the rep who captured a lead, and Marketing, change or delete it; other reps are told who can', async () => {
    const { tx, one } = memoryTx();
    await run(tx, 'lead.capture', lead, people.sam);
    expect(canChangeLead(one('lead', id(1))!, people.sam)).toBe(true);
    expect(canChangeLead(one('lead', id(1))!, people.mia)).toBe(true);
    expect(canChangeLead(one('lead', id(1))!, people.ada)).toBe(true);
    expect(canChangeLead(one('lead', id(1))!, people.sol)).toBe(false);

    const other = await refusal(run(tx, 'lead.update', { id: id(1), changes: { title: 'Rear Admiral' }, baseVersion: 1 }, people.sol));
    expect(other).toMatchObject({ code: 'forbidden', message: 'Only Sam Sales, who captured this lead, or Marketing can change it.' });
    expect(await refusal(run(tx, 'lead.delete', { id: id(1) }, people.sol))).toMatchObject({ code: 'forbidden', message: 'Only Sam Sales, who captured this lead, or Marketing can delete it.' });

    await run(tx, 'lead.update', { id: id(1), changes: { title: 'Rear Admiral' }, baseVersion: 1 }, people.sam, '2025-05-02T10:00:00.000Z');
    expect(one('lead', id(1))).toMatchObject({ title: 'Rear Admiral', name: 'Grace Hopper', version: 2, updatedAt: '2025-05-02T10:00:00.000Z', capturedBy: { name: 'Sam Sales' } });
    await run(tx, 'lead.update', { id: id(1), changes: { status: 'sql' }, baseVersion: 2 }, people.mia);
    expect(one('lead', id(1))).toMatchObject({ status: 'sql', version: 3 });

    await run(tx, 'lead.delete', { id: id(1) }, people.mia, '2025-05-03T10:00:00.000Z');
    expect(one('lead', id(1))).toMatchObject({ deleted: true, version: 4, updatedAt: '2025-05-03T10:00:00.000Z' });
    // Deleting again, or a lead that never was, changes nothing.
    await run(tx, 'lead.delete', { id: id(1) }, people.sol);
    await run(tx, 'lead.delete', { id: id(2) }, people.sol);
    expect(one('lead', id(1))).toMatchObject({ version: 4 });
    expect(one('lead', id(2))).toBeUndefined();
    expect(await refusal(run(tx, 'lead.update', { id: id(1), changes: { title: 'x' }, baseVersion: 4 }, people.sam))).toMatchObject({ code: 'not-found', message: 'That lead no longer exists.' });
    expect(await refusal(run(tx, 'lead.update', { id: id(2), changes: { title: 'x' }, baseVersion: 1 }, people.sam))).toMatchObject({ code: 'not-found' });
  });

  it('changes only the fields an edit names: the notes stay when an edit does not mention them', async () => {
    const { tx, one } = memoryTx();
    await run(tx, 'lead.capture', { ...lead, notes: 'Met at the conference; call after the 10th.' }, people.sam);
    await run(tx, 'lead.update', { id: id(1), changes: { title: 'CTO', phones: ['+1 555 0100'] }, baseVersion: 1 }, people.sam);
    expect(one('lead', id(1))).toMatchObject({ title: 'CTO', phones: ['+1 555 0100'], notes: 'Met at the conference; call after the 10th.', status: 'new', version: 2 });
    await run(tx, 'lead.update', { id: id(1), changes: { notes: '' }, baseVersion: 2 }, people.sam);
    expect(one('lead', id(1))).toMatchObject({ notes: '', title: 'CTO', version: 3 });
  });

  it('refuses an edit based on an older version, with the lead as it stands', async () => {
    const { tx, one } = memoryTx();
    await run(tx, 'lead.capture', lead, people.sam);
    await run(tx, 'lead.update', { id: id(1), changes: { title: 'CTO' }, baseVersion: 1 }, people.mia);
    const stale = await refusal(run(tx, 'lead.update', { id: id(1), changes: { title: 'CEO' }, baseVersion: 1 }, people.sam));
    expect(stale).toMatchObject({ code: 'conflict', message: 'Someone else changed this lead while you edited it.', current: { type: 'lead', record: { title: 'CTO', version: 2 } } });
    expect(one('lead', id(1))).toMatchObject({ title: 'CTO' });
  });
});

describe('the lead definition', () => {
  const draft = (n: number, basedOn: number | null, over: object = {}) => ({
    id: id(n),
    name: `Ideal customer ${n}`,
    criteria: [{ id: id(100 + n), label: 'Big enough', field: 'employees', op: 'atLeast', value: 50, weight: 50 }],
    disqualifiers: [],
    threshold: 50,
    stages: [{ name: 'MQL', owner: 'marketing', entry: 'Fits the definition' }],
    sla: { acceptWithinHours: 48, minAttempts: 3 },
    basedOn,
    ...over,
  });

  it('numbers each published version, says who published it, and publishes a re-sent one once', async () => {
    const { tx, one } = memoryTx();
    await run(tx, 'definition.publish', draft(1, null), people.mia);
    await run(tx, 'definition.publish', draft(2, 1), people.ada, '2025-05-02T10:00:00.000Z');
    await run(tx, 'definition.publish', draft(2, 1), people.ada, '2025-05-03T10:00:00.000Z');
    expect(one('definition', id(1))).toMatchObject({ number: 1, publishedBy: 'Mia Marketing', version: 1, deleted: false });
    expect(one('definition', id(2))).toMatchObject({ number: 2, publishedBy: 'Ada Admin', publishedAt: '2025-05-02T10:00:00.000Z', updatedAt: '2025-05-02T10:00:00.000Z' });
    expect(latestDefinition(await tx.list('definition'))?.id).toBe(id(2));
    const parsed = mutatorNamed('definition.publish')!.args.parse({ ...draft(3, 2), number: 9, version: 9, deleted: true, updatedAt: 'x', publishedAt: 'x', publishedBy: 'x' });
    expect(parsed).toMatchObject(draft(3, 2));
    for (const kept of ['number', 'version', 'deleted', 'updatedAt', 'publishedAt', 'publishedBy']) expect(parsed).not.toHaveProperty(kept);
  });

  it('refuses a draft based on a version that is no longer the latest, showing the latest', async () => {
    const { tx } = memoryTx();
    const none = await refusal(run(tx, 'definition.publish', draft(1, 3), people.mia));
    expect(none).toMatchObject({ code: 'conflict', message: 'There is no version 3 of the lead definition: none has been published yet.' });
    expect(none.current).toBeUndefined();
    await run(tx, 'definition.publish', draft(1, null), people.mia);
    await run(tx, 'definition.publish', draft(2, 1), people.mia);
    const old = await refusal(run(tx, 'definition.publish', draft(3, 1), people.ada));
    expect(old).toMatchObject({ code: 'conflict', message: 'Version 2 of the lead definition was published while you edited version 1.', current: { type: 'definition', record: { id: id(2), number: 2 } } });
    const fresh = await refusal(run(tx, 'definition.publish', draft(4, null), people.ada));
    expect(fresh.message).toBe('Version 2 of the lead definition was published while you edited a new one.');
  });

  it('takes the newest version that is not deleted as the latest', () => {
    const d = (number: number, deleted = false) => ({ number, deleted }) as never;
    expect(latestDefinition([d(1), d(3), d(2)])).toEqual(d(3));
    expect(latestDefinition([d(3), d(1), d(2)])).toEqual(d(3));
    expect(latestDefinition([d(1), d(3, true)])).toEqual(d(1));
    expect(latestDefinition([])).toBeUndefined();
  });
});

describe('campaigns, plays and goals', () => {
  const docs = {
    'campaign.put': (doc: string) => ({ id: doc, name: 'Spring launch', product: 'Tandem', status: 'active', startsOn: '2025-03-01', audience: [], targetAccounts: [], talkingPoints: [], assets: [], owner: 'Marketing' }),
    'play.put': (doc: string) => ({ id: doc, name: 'Q2 push', product: 'Tandem', startsOn: '2025-04-01', owner: 'Sales' }),
    'goal.put': (doc: string) => ({ id: doc, name: 'More accepted leads', owner: 'joint', metric: 'leadsAccepted', target: 40, periodStart: '2025-04-01', periodEnd: '2025-06-30' }),
  } as const;
  const typeOf = { 'campaign.put': 'campaign', 'play.put': 'play', 'goal.put': 'goal' } as const;

  for (const name of Object.keys(docs) as (keyof typeof docs)[]) {
    it(`${name}: saves each edit as the next version, and refuses one based on an older version with the current document`, async () => {
      const { tx, one } = memoryTx();
      const type = typeOf[name];
      const doc = docs[name](id(1));
      const parsed = mutatorNamed(name)!.args.parse({ doc: { ...doc, version: 5, deleted: true, updatedAt: 'x' }, baseVersion: 0 }) as { doc: object; baseVersion: number };
      expect(parsed).toMatchObject({ doc, baseVersion: 0 });
      for (const kept of ['version', 'deleted', 'updatedAt']) expect(parsed.doc).not.toHaveProperty(kept);
      await run(tx, name, { doc, baseVersion: 0 }, people.mia);
      await run(tx, name, { doc: { ...doc, name: 'Renamed' }, baseVersion: 1 }, people.ada, '2025-05-02T10:00:00.000Z');
      expect(one(type, id(1))).toMatchObject({ name: 'Renamed', version: 2, deleted: false, updatedAt: '2025-05-02T10:00:00.000Z' });

      const stale = await refusal(run(tx, name, { doc: { ...doc, name: 'Mine' }, baseVersion: 1 }, people.mia));
      expect(stale).toMatchObject({ code: 'conflict', message: `Someone else changed this ${type} (now version 2, your edit was based on 1).`, current: { type, record: { name: 'Renamed' } } });
      const gone = await refusal(run(tx, name, { doc: docs[name](id(2)), baseVersion: 3 }, people.mia));
      expect(gone).toMatchObject({ message: `Someone else changed this ${type} (now version 0, your edit was based on 3).` });
      expect(gone.current).toBeUndefined();
      expect(one(type, id(2))).toBeUndefined();
    });
  }
});

describe('facts the team remembers', () => {
  const contactKey = 'email:grace@navy.example';
  const put = (learned: 'page' | 'person', facts: object[], over: object = {}) => ({ contactKey, learned, facts, ...over });
  const title = () => factId(contactKey, 'title');

  it('remembers a page’s facts with where they came from, and a person’s without', async () => {
    const { tx, one } = memoryTx();
    await run(tx, 'fact.put', put('page', [{ field: 'title', value: 'CTO', raw: 'cto', from: 'from the Salesforce record' }, { field: 'employees', value: 201, valueMax: 500 }], { pageUrl: 'https://crm.example/lead/1' }), people.sam);
    expect(one('fact', title())).toEqual({
      id: title(),
      version: 1,
      deleted: false,
      updatedAt: '2025-05-01T10:00:00.000Z',
      contactKey,
      field: 'title',
      value: 'CTO',
      raw: 'cto',
      learned: 'page',
      from: 'from the Salesforce record',
      pageUrl: 'https://crm.example/lead/1',
      by: { memberId: people.sam.memberId, name: 'Sam Sales' },
      at: '2025-05-01T10:00:00.000Z',
    });
    expect(one('fact', factId(contactKey, 'employees'))).toMatchObject({ value: 201, valueMax: 500 });

    await run(tx, 'fact.put', put('person', [{ field: 'industry', value: 'Defence', from: 'ignored' }], { pageUrl: 'https://crm.example/lead/1' }), people.sol);
    const industry = one('fact', factId(contactKey, 'industry'))!;
    expect(industry).toMatchObject({ learned: 'person', value: 'Defence', by: { name: 'Sol Sales' } });
    expect(industry).not.toHaveProperty('from');
    expect(industry).not.toHaveProperty('pageUrl');
    expect(industry).not.toHaveProperty('valueMax');
    expect(industry).not.toHaveProperty('raw');
    expect(() => mutatorNamed('fact.put')!.args.parse(put('page', []))).toThrow();
    expect((mutatorNamed('fact.put')!.args.parse(put('page', [{ field: 'title', value: 'CTO' }, { field: 'company', value: 'Navy' }])) as { facts: unknown[] }).facts).toHaveLength(2);
  });

  it('writes nothing when a page shows the same value again, however it is spelled', async () => {
    const { tx, one } = memoryTx();
    await run(tx, 'fact.put', put('page', [{ field: 'title', value: 'Chief  Technology Officer' }]), people.sam);
    await run(tx, 'fact.put', put('page', [{ field: 'title', value: ' chief technology   OFFICER ' }]), people.sol, '2025-05-02T10:00:00.000Z');
    expect(one('fact', title())).toMatchObject({ version: 1, by: { name: 'Sam Sales' } });
    await run(tx, 'fact.put', put('page', [{ field: 'title', value: 'CEO' }]), people.sol, '2025-05-02T10:00:00.000Z');
    expect(one('fact', title())).toMatchObject({ version: 2, value: 'CEO', by: { name: 'Sol Sales' } });
  });

  it("keeps a person's word over a page, and lets a person vouch for what a page showed", async () => {
    const { tx, one } = memoryTx();
    await run(tx, 'fact.put', put('page', [{ field: 'title', value: 'CTO' }]), people.sam);
    await run(tx, 'fact.put', put('person', [{ field: 'title', value: 'cto' }]), people.sol, '2025-05-02T10:00:00.000Z');
    expect(one('fact', title())).toMatchObject({ version: 2, learned: 'person', value: 'cto', by: { name: 'Sol Sales' } });
    // The same again from a person, or the page read again, writes nothing.
    await run(tx, 'fact.put', put('person', [{ field: 'title', value: 'CTO' }]), people.sam, '2025-05-03T10:00:00.000Z');
    await run(tx, 'fact.put', put('page', [{ field: 'title', value: 'CTO' }]), people.sam, '2025-05-03T10:00:00.000Z');
    expect(one('fact', title())).toMatchObject({ version: 2 });
    // A page never overwrites a person's word, even with another value.
    await run(tx, 'fact.put', put('page', [{ field: 'title', value: 'CEO' }]), people.sam, '2025-05-04T10:00:00.000Z');
    expect(one('fact', title())).toMatchObject({ version: 2, value: 'cto' });
    // A person may change it.
    await run(tx, 'fact.put', put('person', [{ field: 'title', value: 'CEO' }]), people.mia, '2025-05-05T10:00:00.000Z');
    expect(one('fact', title())).toMatchObject({ version: 3, value: 'CEO', by: { name: 'Mia Marketing' } });
  });

  it('writes a new headcount range even when its lower bound is the same', async () => {
    const { tx, one } = memoryTx();
    const employees = factId(contactKey, 'employees');
    await run(tx, 'fact.put', put('page', [{ field: 'employees', value: 201, valueMax: 500 }]), people.sam);
    await run(tx, 'fact.put', put('page', [{ field: 'employees', value: 201, valueMax: 1000 }]), people.sam);
    expect(one('fact', employees)).toMatchObject({ version: 2, valueMax: 1000 });
    await run(tx, 'fact.put', put('page', [{ field: 'employees', value: 201, valueMax: 1000 }]), people.sam);
    expect(one('fact', employees)).toMatchObject({ version: 2 });
  });

  it('brings an erased fact back only when it was learned after the erasure; a deleted one any time', async () => {
    const { tx, one } = memoryTx();
    const erasedAt = '2025-05-01T12:00:00.000Z';
    const tombstone = { id: title(), version: 4, deleted: true, updatedAt: erasedAt, contactKey: 'erased', field: 'title', value: '', learned: 'page', by: { memberId: people.ada.memberId, name: 'Ada Admin' }, at: erasedAt } as const;
    await tx.put('fact', tombstone);
    // An outbox offline during the erasure: learned before it, or when is not said.
    await run(tx, 'fact.put', put('page', [{ field: 'title', value: 'CTO' }], { learnedAt: '2025-05-01T11:00:00.000Z' }), people.sam, '2025-05-02T10:00:00.000Z');
    await run(tx, 'fact.put', put('person', [{ field: 'title', value: 'CTO' }]), people.sam, '2025-05-02T10:00:00.000Z');
    await run(tx, 'fact.put', put('person', [{ field: 'title', value: 'CTO' }], { learnedAt: erasedAt }), people.sam, '2025-05-02T10:00:00.000Z');
    expect(one('fact', title())).toEqual(tombstone);
    await run(tx, 'fact.put', put('page', [{ field: 'title', value: 'CTO' }], { learnedAt: '2025-05-01T12:00:00.001Z' }), people.sam, '2025-05-02T10:00:00.000Z');
    expect(one('fact', title())).toMatchObject({ version: 5, deleted: false, value: 'CTO', contactKey });

    // A fact deleted otherwise (not an erasure) is written again like a new one.
    await tx.put('fact', { ...one('fact', title())!, deleted: true, learned: 'person' });
    await run(tx, 'fact.put', put('page', [{ field: 'title', value: 'CTO' }]), people.sam, '2025-05-03T10:00:00.000Z');
    expect(one('fact', title())).toMatchObject({ version: 6, deleted: false, learned: 'page' });
  });

  it('compares values as a person reads them', () => {
    expect(sameFactValue({ value: ' Head  of Sales ' }, { value: 'head of sales' })).toBe(true);
    expect(sameFactValue({ value: 'Head of Sales' }, { value: 'Head of Marketing' })).toBe(false);
    expect(sameFactValue({ value: 'Head of\tSales' }, { value: 'Head of Sales' })).toBe(true);
    expect(sameFactValue({ value: 'Head of Sales' }, { value: 'Headof Sales' })).toBe(false);
    expect(sameFactValue({ value: 200 }, { value: 200 })).toBe(true);
    expect(sameFactValue({ value: 200, valueMax: 500 }, { value: 200 })).toBe(false);
    expect(sameFactValue({ value: 200 }, { value: 201 })).toBe(false);
  });
});
