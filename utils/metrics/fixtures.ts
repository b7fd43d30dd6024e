import { expect } from 'vitest';
import {
  Campaign,
  Feedback,
  Goal,
  Lead,
  LeadDefinition,
  Metrics,
  SalesPlay,
  type MetricsQuery,
  type ContactFacts,
  type FeedbackReason,
  type GoalMetric,
  type Verdict,
} from '../model';
import type { MetricsInput } from './data';
import { computeMetrics } from './index';

/**
 * Hand-built records for the metrics' unit tests, each parsed with its schema as a synced
 * record would be. Ids are made from a name, so a test reads `uuid('spring')`.
 */

export function uuid(name: string): string {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const hex = (h.toString(16).padStart(8, '0') + name.length.toString(16).padStart(4, '0')).slice(0, 12);
  return `00000000-0000-4000-8000-${hex}`;
}

let counter = 0;
const fresh = (prefix: string) => uuid(`${prefix}-${++counter}`);

const rep = { memberId: uuid('rep'), name: 'Rita Rep' };

export function lead(over: Partial<Lead> & { id?: string } = {}): Lead {
  return Lead.parse({
    id: fresh('lead'),
    version: 1,
    deleted: false,
    updatedAt: over.capturedAt ?? '2026-03-10T10:00:00Z',
    phones: [],
    source: 'manual',
    status: 'new',
    capturedBy: rep,
    ...over,
  });
}

export interface FeedbackSpec {
  at: string;
  verdict?: Verdict;
  reasons?: FeedbackReason[];
  key?: string;
  leadId?: string;
  campaignId?: string;
  facts?: ContactFacts;
  id?: string;
  deleted?: boolean;
}

export function feedback({ at, verdict = 'accept', reasons, key = 'email:someone@example.com', leadId, campaignId, facts, id, deleted = false }: FeedbackSpec): Feedback {
  return Feedback.parse({
    id: id ?? fresh('feedback'),
    version: 1,
    deleted,
    updatedAt: at,
    subject: { contactKey: key, ...(leadId ? { leadId } : {}), ...(campaignId ? { campaignId } : {}), ...(facts ? { facts } : {}) },
    verdict,
    reasons: reasons ?? (verdict === 'reject' ? ['no-need'] : []),
    note: '',
    author: rep,
    createdAt: at,
    replies: [],
  });
}

export const reject = (at: string, reasons: FeedbackReason[], over: Omit<FeedbackSpec, 'at' | 'verdict' | 'reasons'> = {}) =>
  feedback({ at, verdict: 'reject', reasons, ...over });

export function campaign(name: string, over: Partial<Campaign> = {}): Campaign {
  return Campaign.parse({
    id: uuid(name),
    version: 1,
    deleted: false,
    updatedAt: '2026-01-01T00:00:00Z',
    name,
    product: 'Tandem',
    status: 'active',
    startsOn: '2026-01-01',
    audience: [],
    targetAccounts: [],
    talkingPoints: [],
    assets: [],
    owner: 'Marketing',
    ...over,
  });
}

export function play(name: string, over: Partial<SalesPlay> = {}): SalesPlay {
  return SalesPlay.parse({
    id: uuid(name),
    version: 1,
    deleted: false,
    updatedAt: '2026-01-01T00:00:00Z',
    name,
    product: 'Tandem',
    startsOn: '2026-01-01',
    owner: 'Sales',
    ...over,
  });
}

export function goal(name: string, metric: GoalMetric, target: number, periodStart: string, periodEnd: string, over: Partial<Goal> = {}): Goal {
  return Goal.parse({
    id: uuid(name),
    version: 1,
    deleted: false,
    updatedAt: '2026-01-01T00:00:00Z',
    name,
    owner: 'joint',
    metric,
    target,
    periodStart,
    periodEnd,
    ...over,
  });
}

export function definition(number: number, over: Partial<LeadDefinition> = {}): LeadDefinition {
  return LeadDefinition.parse({
    id: uuid(`definition-${number}`),
    version: 1,
    deleted: false,
    updatedAt: '2026-01-01T00:00:00Z',
    name: 'Ideal customer',
    number,
    criteria: [],
    disqualifiers: [],
    threshold: 0,
    stages: [],
    sla: { acceptWithinHours: 48, minAttempts: 3 },
    publishedAt: '2026-01-01T00:00:00Z',
    publishedBy: 'Mia Marketer',
    ...over,
  });
}

export function input(over: Partial<MetricsInput> = {}): MetricsInput {
  return { definitions: [], campaigns: [], plays: [], goals: [], leads: [], feedback: [], ...over };
}

/** computeMetrics, checked against the contract the dashboard and the API rely on. */
export function checkedMetrics(data: MetricsInput, query: MetricsQuery, now: Date): Metrics {
  const result = computeMetrics(data, query, now);
  expect(Metrics.parse(result)).toEqual(result);
  return result;
}
