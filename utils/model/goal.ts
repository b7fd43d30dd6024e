import { z } from 'zod';
import { DateOnly, Id, Label, RecordBase } from './common';

export const GoalMetric = z.enum([
  'leadsCaptured',
  'leadsAccepted',
  'acceptanceRate',
  'medianHoursToFirstFeedback',
  'custom',
]);
export type GoalMetric = z.infer<typeof GoalMetric>;

export const Goal = RecordBase.extend({
  name: Label,
  owner: z.enum(['marketing', 'sales', 'joint']),
  metric: GoalMetric,
  target: z.number().nonnegative(),
  periodStart: DateOnly,
  periodEnd: DateOnly,
  /** Goals that must be met for this one to be (e.g. MQLs before SQLs). */
  dependsOn: z.array(Id).max(20).default([]),
});
export type Goal = z.infer<typeof Goal>;
