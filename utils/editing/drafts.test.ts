import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { openWorkspaceDb, type WorkspaceDb } from '../store/db';
import { CampaignDraft, newCampaignForm } from './documents';
import { debouncer, deleteDraft, draftKeys, draftPrefix, draftWriter, listDrafts, readDraft, writeDraft } from './drafts';

let db: WorkspaceDb;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openWorkspaceDb('test');
});
afterEach(() => db.close());

describe('drafts in the workspace meta store', () => {
  it('keeps a draft with the version it started from, and reads it back', async () => {
    const draft: CampaignDraft = { baseVersion: 3, form: newCampaignForm('Priya', '2026-11-27') };
    const key = draftKeys.campaign(draft.form.id);
    expect(key).toBe(`draft:campaign:${draft.form.id}`);
    const savedAt = await writeDraft(db, key, draft, new Date('2026-11-27T10:00:00Z'));
    expect(await readDraft(db, key, CampaignDraft)).toEqual({ key, savedAt, draft });
    expect(await db.get('meta', key)).toEqual({ savedAt: '2026-11-27T10:00:00.000Z', draft });
    await deleteDraft(db, key);
    expect(await readDraft(db, key, CampaignDraft)).toBeUndefined();
  });

  it('lists the drafts of one kind, newest first, skipping ones that no longer read', async () => {
    const older = { baseVersion: 0, form: newCampaignForm('P', '2026-11-27') };
    const newer = { baseVersion: 1, form: newCampaignForm('P', '2026-11-27') };
    await writeDraft(db, draftKeys.campaign(older.form.id), older, new Date('2026-11-27T10:00:00Z'));
    await writeDraft(db, draftKeys.campaign(newer.form.id), newer, new Date('2026-11-27T11:00:00Z'));
    await writeDraft(db, draftKeys.campaign('broken'), { baseVersion: 'x' }, new Date('2026-11-27T12:00:00Z'));
    await writeDraft(db, draftKeys.play('p'), { baseVersion: 0, form: {} });
    await writeDraft(db, draftKeys.definition, { basedOn: null });
    await db.put('meta', 7, 'lastMutationId');
    const listed = await listDrafts(db, draftPrefix('campaign'), CampaignDraft);
    expect(listed.map((d) => d.draft.form.id)).toEqual([newer.form.id, older.form.id]);
    expect(await listDrafts(db, draftPrefix('goal'), z.unknown())).toEqual([]);
  });
});

describe('debouncer', () => {
  it('saves the latest value once typing pauses, and at once when flushed', () => {
    vi.useFakeTimers();
    const saved: string[] = [];
    const d = debouncer((v: string) => saved.push(v), 300);
    d.push('a');
    d.push('ab');
    vi.advanceTimersByTime(299);
    expect(saved).toEqual([]);
    d.push('abc');
    vi.advanceTimersByTime(300);
    expect(saved).toEqual(['abc']);
    d.push('abcd');
    expect(d.pending).toBe(true);
    d.flush();
    d.flush();
    expect(saved).toEqual(['abc', 'abcd']);
    d.push('gone');
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(saved).toEqual(['abc', 'abcd']);
    vi.useRealTimers();
  });
});

describe('draftWriter', () => {
  it('writes the last of quick changes once, and reports when', async () => {
    const saved: string[] = [];
    const writer = draftWriter(db, (key) => saved.push(key), 20);
    writer.push(draftKeys.definition, { n: 1 });
    writer.push(draftKeys.definition, { n: 2 });
    await new Promise((r) => setTimeout(r, 60));
    await writer.flush();
    expect(saved).toEqual([draftKeys.definition]);
    expect(await readDraft(db, draftKeys.definition, z.object({ n: z.number() }))).toMatchObject({ draft: { n: 2 } });
  });

  it('flushes a pending change at once', async () => {
    const writer = draftWriter(db, () => {}, 10_000);
    writer.push(draftKeys.goal('g'), { n: 3 });
    await writer.flush();
    expect(await readDraft(db, draftKeys.goal('g'), z.object({ n: z.number() }))).toMatchObject({ draft: { n: 3 } });
  });

  it('never brings back a discarded draft, even with a write under way', async () => {
    const writer = draftWriter(db, () => {}, 10_000);
    const key = draftKeys.play('p');
    writer.push(key, { n: 1 });
    void writer.flush(); // the write has started
    writer.push(key, { n: 2 }); // and another is pending
    await writer.discard(key);
    await writer.flush();
    expect(await db.get('meta', key)).toBeUndefined();
  });
});
