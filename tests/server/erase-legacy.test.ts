import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseContact } from '../../server/erase';
import { clientOf, createTeam, newClientId, startServer, type Server, type Team } from './client';
import { databaseKinds } from './databases';

// Text the API refuses today (control characters) may sit in records an older server
// stored. An erasure must still turn them into tombstones, not fail on them.
describe.each(databaseKinds)('erasing records an older server stored, on %s', (kind) => {
  let server: Server;
  let team: Team;
  beforeAll(async () => {
    server = await startServer(kind);
    team = await createTeam(server.db, 'Legacy');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('erases a lead whose note holds a NUL and whose link a control character', async () => {
    const id = randomUUID();
    const now = new Date().toISOString();
    const doc = {
      id,
      version: 1,
      deleted: false,
      updatedAt: now,
      name: 'Nola Null',
      email: 'nola@legacy.example',
      phones: [],
      website: 'https://legacy.example/\u0007',
      source: 'manual',
      status: 'new',
      notes: 'Met at the expo\u0000 keen',
      capturedBy: { memberId: team.sales.memberId, name: 'Legacy Rep' },
    };
    await server.db.kysely
      .insertInto('records')
      .values({ workspace_id: team.workspaceId, type: 'lead', id, version: 1, deleted: 0, seq: 900, doc: JSON.stringify(doc) })
      .execute();

    const result = await eraseContact(server.db, team.workspaceId, 'nola@legacy.example', null);
    expect(result.erased).toEqual({ leads: 1, feedback: 0, facts: 0 });
    const { changes } = await clientOf(server.app, team.admin.token).pullAll(newClientId());
    const tombstone = changes.find((c) => c.id === id)!;
    expect(tombstone).toMatchObject({ deleted: true, version: 2 });
    expect(JSON.stringify(tombstone)).not.toMatch(/Nola|nola@|expo/);
  });
});
