import { z } from 'zod';
import { RecordBase, Role } from './common';

export const Member = RecordBase.extend({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320).optional(),
  role: Role,
});
export type Member = z.infer<typeof Member>;
