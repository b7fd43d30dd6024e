import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openDatabase } from '../../server/db/connect';
import { silentLogger } from '../../server/log';
import { databaseKinds, freshDatabase } from './databases';

describe.each(databaseKinds)('on %s', (kind) => {
  it('answers /healthz', async () => {
    const fresh = await freshDatabase(kind);
    const db = await openDatabase(fresh.location);
    const res = await createApp({ db, logger: silentLogger }).request('/healthz');
    expect(await res.json()).toEqual({ ok: true, database: kind });
    await db.close();
    await fresh.drop();
  });
});
