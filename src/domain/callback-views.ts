import type { z } from 'zod';
import {
  ATTEMPT_RESULTS,
  CALLBACK_STATUSES,
  type callbackCountsSchema,
  type callbackViewSchema,
} from './views.schema.ts';

/** Callback tasks as the inbox and the socket events see them (phone channel); the shapes are schemas. */
export { ATTEMPT_RESULTS, CALLBACK_STATUSES };
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];
export const ACTIVE: CallbackStatus[] = ['open', 'attempted'];
export type AttemptResult = (typeof ATTEMPT_RESULTS)[number];

export type CallbackView = z.infer<typeof callbackViewSchema>;
export type CallbackCounts = z.infer<typeof callbackCountsSchema>;
