// Runs inside headless Chromium: the extension's own sync engine and store, pulling from the
// bench server (same origin) into a fresh IndexedDB.
import type { Change, PullResponse } from '../utils/model';
import { openWorkspaceDb } from '../utils/store';
import { applyPull, pullAll } from '../utils/sync/engine';
import { httpTransport } from '../utils/sync/transport';

const actor = { memberId: '00000000-0000-4000-8000-000000000003', name: 'Bench', role: 'sales' as const };

async function batchedPull(workspaceId: string, token: string, limit: number): Promise<{ ms: number; count: number }> {
  const db = await openWorkspaceDb(workspaceId);
  const transport = httpTransport(location.origin, token);
  const started = performance.now();
  const count = await pullAll({ db, workspaceId, actor, transport }, crypto.randomUUID(), limit);
  const ms = performance.now() - started;
  db.close();
  return { ms, count };
}

/** The same changes, fetched first (untimed), then applied by the same code one transaction each. */
async function oneByOne(workspaceId: string, token: string, limit: number): Promise<{ ms: number; count: number }> {
  const transport = httpTransport(location.origin, token);
  const clientId = crypto.randomUUID();
  const changes: Change[] = [];
  let page: PullResponse;
  let cursor = 0;
  do {
    page = await transport.pull({ clientId, cursor, ack: 0, limit });
    changes.push(...page.changes);
    cursor = page.cursor;
  } while (page.more);
  const db = await openWorkspaceDb(workspaceId);
  const started = performance.now();
  for (const [i, change] of changes.entries()) {
    await applyPull({ db, workspaceId, actor }, { cursor: i + 1, lastMutationId: 0, outcomes: [], changes: [change], more: false });
  }
  const ms = performance.now() - started;
  db.close();
  return { ms, count: changes.length };
}

Object.assign(globalThis, { tandemBench: { batchedPull, oneByOne } });
