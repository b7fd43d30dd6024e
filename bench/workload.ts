import { randomUUID } from 'node:crypto';
import type { Feedback, FeedbackReason, Verdict } from '../utils/model';

/** What both sides of the server benchmark are asked to do: the same records, the same pushes. */

export const pullLimit = 500;
export const mutationsPerPush = 100;
/** Enough feedback that a pull from cursor 0 fills a whole page. */
export const seededFeedback = 5000;

const verdicts: Verdict[] = ['accept', 'reject', 'nurture'];
const reasons: FeedbackReason[][] = [[], ['no-budget', 'too-small'], ['wrong-persona']];
const note = 'Spoke to them on Tuesday: the timing is off until the next budget round, but the team is growing and they asked for the case study.';

/** A feedback record as a member would have written it: about 600 bytes of JSON. */
export function seedFeedback(i: number, author: { memberId: string; name: string }, at: string): Feedback {
  return {
    id: randomUUID(),
    version: 1,
    deleted: false,
    updatedAt: at,
    subject: { contactKey: `lead-${i}@example.com`, contactName: `Lead ${i}`, leadId: randomUUID() },
    verdict: verdicts[i % 3]!,
    reasons: reasons[i % 3]!,
    note,
    author,
    createdAt: at,
    replies:
      i % 4 === 0
        ? [{ id: randomUUID(), body: 'Thanks, we will move them to nurture and try again next quarter.', author, createdAt: at }]
        : [],
  };
}

/** The args of one `feedback.create`, a new feedback id each time so every mutation writes a row. */
export function feedbackCreateArgs(i: number) {
  return {
    id: randomUUID(),
    subject: { contactKey: `push-${i}@example.com`, contactName: `Pushed lead ${i}` },
    verdict: verdicts[i % 3]!,
    reasons: reasons[i % 3]!,
    note,
  };
}

export type FeedbackCreateArgs = ReturnType<typeof feedbackCreateArgs>;

/** A push body: `count` consecutive mutations from `firstId` for one client. */
export function pushBody(clientId: string, firstId: number, count = mutationsPerPush): string {
  const mutations = Array.from({ length: count }, (_, k) => ({ id: firstId + k, name: 'feedback.create', args: feedbackCreateArgs(firstId + k) }));
  return JSON.stringify({ clientId, mutations });
}
