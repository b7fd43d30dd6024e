import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../server/team';
import { clientOf, createTeam, make, newClientId, numbered, startServer, type Server, type Team } from './client';
import { databaseKinds } from './databases';

// Issue 17, item 5: a lead is changed or deleted only by the rep who captured it, Marketing
// and admins; the server holds the mutator's rule, whatever a client sends.
describe.each(databaseKinds)('who may change a lead, on %s', (kind) => {
  let server: Server;
  let team: Team;
  let otherRep: { memberId: string; token: string };

  beforeAll(async () => {
    server = await startServer(kind);
    team = await createTeam(server.db, 'Leads');
    otherRep = await addMember(server.db, team.workspaceId, 'Other Rep', 'sales');
  });
  afterAll(async () => {
    await server?.close();
  });

  const stored = async (id: string) => {
    const { changes } = await clientOf(server.app, team.admin.token).pullAll(newClientId());
    return changes.find((c) => c.type === 'lead' && c.id === id)?.value as { name?: string; deleted: boolean; version: number } | undefined;
  };

  it('refuses another Sales member’s forged update and deletion, and keeps the lead as it was', async () => {
    const lead = randomUUID();
    expect(await clientOf(server.app, team.sales.token).push(newClientId(), numbered(1, make.lead(lead)))).toEqual([{ id: 1, status: 'applied' }]);
    const forged = await clientOf(server.app, otherRep.token).push(
      newClientId(),
      numbered(1, { name: 'lead.update', args: { id: lead, changes: { name: 'Hijacked' }, baseVersion: 1 } }, { name: 'lead.delete', args: { id: lead } }),
    );
    expect(forged.map((r) => [r.status, r.error?.code])).toEqual([
      ['error', 'forbidden'],
      ['error', 'forbidden'],
    ]);
    expect(forged[0]!.error!.message).toBe('Only Leads Rep, who captured this lead, or Marketing can change it.');
    expect(await stored(lead)).toMatchObject({ name: 'Grace Hopper', deleted: false, version: 1 });
  });

  it('lets the rep who captured it, Marketing and admins change and delete it', async () => {
    const [mine, marketing, admin] = [randomUUID(), randomUUID(), randomUUID()];
    const rep = clientOf(server.app, team.sales.token);
    const repClient = newClientId();
    expect(await rep.push(repClient, numbered(1, make.lead(mine), make.lead(marketing), make.lead(admin)))).toHaveLength(3);
    expect(await rep.push(repClient, numbered(4, { name: 'lead.update', args: { id: mine, changes: { name: 'Grace B. Hopper' }, baseVersion: 1 } }))).toEqual([{ id: 4, status: 'applied' }]);
    expect(await clientOf(server.app, team.marketing.token).push(newClientId(), numbered(1, { name: 'lead.delete', args: { id: marketing } }))).toEqual([{ id: 1, status: 'applied' }]);
    expect(await clientOf(server.app, team.admin.token).push(newClientId(), numbered(1, { name: 'lead.update', args: { id: admin, changes: { status: 'mql' }, baseVersion: 1 } }))).toEqual([{ id: 1, status: 'applied' }]);
    expect(await stored(mine)).toMatchObject({ name: 'Grace B. Hopper', version: 2 });
    expect(await stored(marketing)).toMatchObject({ deleted: true });
    expect(await stored(admin)).toMatchObject({ version: 2 });
  });
});
