import { z } from 'zod';
import { Feedback, FeedbackReason, FeedbackSubject, Id, maxReadMarks, Reply, Verdict } from '../model';
import { allRoles, defineMutator, MutationError } from './types';

export const feedbackCreate = defineMutator({
  name: 'feedback.create',
  args: z.object({
    id: Id,
    subject: FeedbackSubject,
    verdict: Verdict,
    reasons: z.array(FeedbackReason).max(10),
    note: Feedback.shape.note,
  }),
  roles: allRoles,
  async apply(tx, args, { actor, now }) {
    if (args.verdict === 'reject' && args.reasons.length === 0) {
      throw new MutationError('invalid', 'Say why the lead is rejected: pick at least one reason.');
    }
    if (await tx.get('feedback', args.id)) return; // already applied: re-applied by the client
    await tx.put('feedback', {
      ...args,
      reasons: [...new Set(args.reasons)],
      author: { memberId: actor.memberId, name: actor.name },
      createdAt: now,
      replies: [],
      version: 1,
      deleted: false,
      updatedAt: now,
    });
  },
});

export const feedbackReply = defineMutator({
  name: 'feedback.reply',
  args: z.object({ feedbackId: Id, replyId: Id, body: Reply.shape.body }),
  roles: allRoles,
  async apply(tx, { feedbackId, replyId, body }, { actor, now }) {
    const feedback = await tx.get('feedback', feedbackId);
    if (!feedback || feedback.deleted) {
      throw new MutationError('not-found', 'That feedback no longer exists, so the reply was not added.');
    }
    if (feedback.replies.some((r) => r.id === replyId)) return;
    await tx.put('feedback', {
      ...feedback,
      replies: [...feedback.replies, { id: replyId, body, author: { memberId: actor.memberId, name: actor.name }, createdAt: now }],
      version: feedback.version + 1,
      updatedAt: now,
    });
  },
});

/**
 * Marks feedback threads as read by the member who runs it, in their read-state record (one
 * per member, its id the member's id). Marks only move forward, so two devices of one member
 * never conflict.
 */
export const feedbackRead = defineMutator({
  name: 'feedback.read',
  args: z.object({ feedbackIds: z.array(Id).min(1).max(500) }),
  roles: allRoles,
  async apply(tx, { feedbackIds }, { actor, now }) {
    const current = await tx.get('read', actor.memberId);
    const seen = { ...(current?.seen ?? {}) };
    for (const id of feedbackIds) if (!seen[id] || Date.parse(seen[id]) < Date.parse(now)) seen[id] = now;
    // Keep the newest marks when there are too many: an old thread unread again is harmless.
    const marks = Object.entries(seen).sort((a, b) => Date.parse(b[1]) - Date.parse(a[1])).slice(0, maxReadMarks);
    await tx.put('read', {
      id: actor.memberId,
      seen: Object.fromEntries(marks),
      version: (current?.version ?? 0) + 1,
      deleted: false,
      updatedAt: now,
    });
  },
});
