import { campaignPut, goalPut, playPut } from './documents';
import { definitionPublish } from './definition';
import { feedbackCreate, feedbackReply } from './feedback';
import { leadCapture, leadDelete, leadUpdate } from './lead';
import type { Mutator } from './types';

export * from './types';
export { latestDefinition } from './definition';

/** Every named mutation, shared by the extension and the server. */
export const mutators = {
  [feedbackCreate.name]: feedbackCreate,
  [feedbackReply.name]: feedbackReply,
  [leadCapture.name]: leadCapture,
  [leadUpdate.name]: leadUpdate,
  [leadDelete.name]: leadDelete,
  [definitionPublish.name]: definitionPublish,
  [campaignPut.name]: campaignPut,
  [playPut.name]: playPut,
  [goalPut.name]: goalPut,
} as Record<string, Mutator>;

export const mutatorNames = {
  feedbackCreate,
  feedbackReply,
  leadCapture,
  leadUpdate,
  leadDelete,
  definitionPublish,
  campaignPut,
  playPut,
  goalPut,
};
