import type { Author, Feedback, ReadState, Role } from './model';

/**
 * Which feedback conversations have something this member has not read yet. Pure: the
 * sidebar's Feedback tab, Marketing's inbox and the toolbar badge all count with it, so they
 * agree.
 *
 * A thread is unread for a member when someone else wrote in it (the feedback itself, at its
 * `createdAt`, or a reply, at its `createdAt`) after the member last marked it read, or at
 * all when it has no mark. What the member writes never makes a thread unread for them.
 * Timestamps are compared as instants, so `…+02:00` and `…Z` compare correctly.
 */

/** Who is reading: the member and their role in the workspace. */
export interface Reader {
  memberId: string;
  role: Role;
}

const instant = (iso: string | undefined): number => {
  if (iso === undefined) return Number.NEGATIVE_INFINITY;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
};

/** When the member last read this thread, in ms since the epoch; -Infinity when never. */
export function lastReadAt(read: ReadState | undefined, feedbackId: string): number {
  if (!read || read.deleted) return Number.NEGATIVE_INFINITY;
  return instant(read.seen[feedbackId]);
}

/**
 * Which threads a member hears about. Marketing and admins read every thread (the inbox);
 * Sales hears back in the threads they took part in: the feedback they gave, or a thread
 * they replied in.
 */
export function followsThread(feedback: Feedback, me: Reader): boolean {
  if (me.role === 'marketing' || me.role === 'admin') return true;
  return feedback.author.memberId === me.memberId || feedback.replies.some((r) => r.author.memberId === me.memberId);
}

/** Is this entry (the feedback or one reply) written by someone else after `since`? */
export function isNewFor(entry: { author: Author; createdAt: string }, me: Pick<Reader, 'memberId'>, since: number): boolean {
  return entry.author.memberId !== me.memberId && instant(entry.createdAt) > since;
}

/** The newest moment someone other than `me` wrote in the thread; -Infinity when only I did. */
export function lastWrittenByOthers(feedback: Feedback, me: Pick<Reader, 'memberId'>): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const entry of [feedback, ...feedback.replies]) {
    if (entry.author.memberId !== me.memberId) latest = Math.max(latest, instant(entry.createdAt));
  }
  return latest;
}

/** Is this one thread unread for me (ignoring whether I follow it)? */
export function isThreadUnread(feedback: Feedback, read: ReadState | undefined, me: Pick<Reader, 'memberId'>): boolean {
  if (feedback.deleted) return false;
  return lastWrittenByOthers(feedback, me) > lastReadAt(read, feedback.id);
}

/** The threads with something unread for me, among those I follow. Deleted feedback never counts. */
export function unreadFeedback(feedback: Feedback[], read: ReadState | undefined, me: { memberId: string; role: Role }): Feedback[] {
  return feedback.filter((f) => !f.deleted && followsThread(f, me) && isThreadUnread(f, read, me));
}

/** `feedback.read` takes at most this many ids per call. */
export const readBatchSize = 500;

/** Splits ids into `feedback.read` calls of at most 500 each, without duplicates. */
export function readBatches(ids: Iterable<string>): string[][] {
  const unique = [...new Set(ids)];
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += readBatchSize) batches.push(unique.slice(i, i + readBatchSize));
  return batches;
}

/** Marks threads read through a `write(name, args)` (the Sidebar's source or the store), 500 at a time. */
export async function markThreadsRead(write: (name: string, args: unknown) => Promise<void>, ids: Iterable<string>): Promise<void> {
  for (const feedbackIds of readBatches(ids)) await write('feedback.read', { feedbackIds });
}
