import { z } from 'zod';
import { Campaign, SalesPlay } from './campaign';
import { LeadDefinition } from './definition';
import { ContactFact } from './fact';
import { Feedback } from './feedback';
import { Goal } from './goal';
import { Lead } from './lead';
import { Member } from './member';
import { ReadState } from './read';

/** Every kind of synced record, by the `type` name used in storage and in the sync protocol. */
export const recordSchemas = {
  definition: LeadDefinition,
  campaign: Campaign,
  play: SalesPlay,
  feedback: Feedback,
  lead: Lead,
  goal: Goal,
  member: Member,
  read: ReadState,
  fact: ContactFact,
} as const;

export type RecordType = keyof typeof recordSchemas;
export const RecordType = z.enum(Object.keys(recordSchemas) as [RecordType, ...RecordType[]]);
export type RecordOf<T extends RecordType> = z.infer<(typeof recordSchemas)[T]>;
export type AnyRecord = RecordOf<RecordType>;
