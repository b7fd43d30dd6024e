import { z } from 'zod';
import { DateOnly, HttpUrl, Label, RecordBase, Text } from './common';
import { Criterion } from './definition';

export const CampaignStatus = z.enum(['draft', 'active', 'paused', 'ended']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

export const Asset = z.object({ label: Label, url: HttpUrl });
export type Asset = z.infer<typeof Asset>;

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/, 'Write a domain like example.com');

export const Campaign = RecordBase.extend({
  name: Label,
  product: Label,
  status: CampaignStatus,
  startsOn: DateOnly,
  endsOn: DateOnly.optional(),
  /** Who the campaign is for, in the same language as the lead definition. All must pass. */
  audience: z.array(Criterion).max(50),
  /** Accounts the campaign targets by name, as email / web domains. */
  targetAccounts: z.array(Domain).max(5000),
  utmCampaign: z.string().trim().max(100).optional(),
  talkingPoints: z.array(Text).max(20),
  offer: Text.default(''),
  assets: z.array(Asset).max(20),
  owner: z.string().max(200),
});
export type Campaign = z.infer<typeof Campaign>;

/** What Sales is pushing, for which product, when: set beside campaigns to show where the teams are out of step. */
export const SalesPlay = RecordBase.extend({
  name: Label,
  product: Label,
  startsOn: DateOnly,
  endsOn: DateOnly.optional(),
  pitch: Text.default(''),
  owner: z.string().max(200),
});
export type SalesPlay = z.infer<typeof SalesPlay>;

/** Refinement for campaigns and plays entered by a person: the end is not before the start. */
export function endsAfterStart(doc: { startsOn: string; endsOn?: string }, ctx: z.RefinementCtx): void {
  if (doc.endsOn !== undefined && doc.endsOn < doc.startsOn) {
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The end date is before the start date.' });
  }
}
