import { z } from 'zod';
import { Id, RecordBase, Timestamp } from './common';

/**
 * What one member has read of the feedback conversations. One record per member, whose id
 * is the member's id; it syncs like any record, so reading on one device clears the count on
 * every other. A thread is unread for a member when someone else wrote in it (the feedback
 * itself, or a reply) after the member last read it.
 */
export const ReadState = RecordBase.extend({
  /** Feedback id → when this member last read that thread. */
  seen: z.record(Id, Timestamp),
});
export type ReadState = z.infer<typeof ReadState>;

/** Read marks kept per member; the oldest are dropped beyond this. */
export const maxReadMarks = 5000;
