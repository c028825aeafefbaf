import { z } from 'zod';
import { TRIAGE_MARKS } from './triage-feedback.ts';

export const caseIdParam = z.object({ id: z.uuid() });

export const markBody = z
  .object({
    mark: z.enum(TRIAGE_MARKS).meta({
      description: '`should_have_been_urgent` (the rules missed it) or `should_not_have_been_urgent` (a false alarm)',
    }),
  })
  .strict();

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const feedbackListQuery = z
  .object({
    mark: z.enum(TRIAGE_MARKS).optional(),
    from: instant.optional().meta({ description: 'marks made at or after this time (ISO 8601)' }),
    to: instant.optional().meta({ description: 'marks made before this time (ISO 8601)' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional().meta({ description: 'the `next` of the page before' }),
  })
  .strict();
