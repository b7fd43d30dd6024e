import { Hono } from 'hono';
import { computeMetrics, type MetricsInput } from '../../utils/metrics';
import { MetricsQuery, recordSchemas, type Metrics } from '../../utils/model';
import type { Db } from '../db/connect';
import { readQuery, type Env } from '../http';

/** The record types the numbers are made of, and where each goes in computeMetrics' input. */
const inputs = {
  definition: 'definitions',
  campaign: 'campaigns',
  play: 'plays',
  goal: 'goals',
  lead: 'leads',
  feedback: 'feedback',
} as const satisfies Partial<Record<keyof typeof recordSchemas, keyof MetricsInput>>;

type InputType = keyof typeof inputs;
const inputTypes = Object.keys(inputs) as InputType[];

/**
 * The workspace's live synced records of the types the metrics read, each parsed with its
 * schema (a row that does not parse is skipped, as pull's readers do). Only the records table:
 * nothing else a workspace keeps on the server goes into the numbers.
 */
export async function metricsInput(db: Db, workspaceId: string): Promise<MetricsInput> {
  const rows = await db.kysely
    .selectFrom('records')
    .select(['type', 'doc'])
    .where('workspace_id', '=', workspaceId)
    .where('type', 'in', inputTypes)
    .where('deleted', '=', 0)
    .execute();
  const input: { [K in keyof MetricsInput]: unknown[] } = { definitions: [], campaigns: [], plays: [], goals: [], leads: [], feedback: [] };
  for (const row of rows) {
    const type = row.type as InputType;
    let doc: unknown;
    try {
      doc = JSON.parse(row.doc);
    } catch {
      continue;
    }
    const parsed = recordSchemas[type].safeParse(doc);
    if (parsed.success) input[inputs[type]].push(parsed.data);
  }
  return input as MetricsInput;
}

/**
 * `GET /v1/metrics?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=Area/City`: the shared numbers of the
 * caller's workspace, computed by the same function as the extension's dashboard. Any member
 * may read them. Mounted inside the authenticated /v1 router.
 */
export function metricsRoutes({ db }: { db: Db }) {
  const metrics = new Hono<Env>();
  metrics.get('/', async (c) => {
    const query = readQuery(c, MetricsQuery, 'The metrics query');
    const body: Metrics = computeMetrics(await metricsInput(db, c.get('who').workspaceId), query);
    return c.json(body);
  });
  return metrics;
}
