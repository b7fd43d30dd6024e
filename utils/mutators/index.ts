import { campaignPut, goalPut, playPut } from './documents';
import { definitionPublish } from './definition';
import { factPut } from './fact';
import { feedbackCreate, feedbackRead, feedbackReply } from './feedback';
import { leadCapture, leadDelete, leadUpdate } from './lead';
import type { Mutator } from './types';

export * from './types';
export { latestDefinition } from './definition';
export { FactPutArgs, sameFactValue } from './fact';
export { canChangeLead } from './lead';

const all: Mutator[] = [
  feedbackCreate,
  feedbackReply,
  feedbackRead,
  leadCapture,
  leadUpdate,
  leadDelete,
  definitionPublish,
  campaignPut,
  playPut,
  goalPut,
  factPut,
];

/** Every named mutation, shared by the extension and the server. */
const byName: ReadonlyMap<string, Mutator> = new Map(all.map((m) => [m.name, m]));

/**
 * The mutator of that name, or undefined. A Map, not an object lookup, so names like
 * `constructor` or `__proto__` sent by a client find nothing.
 */
export function mutatorNamed(name: string): Mutator | undefined {
  return byName.get(name);
}

