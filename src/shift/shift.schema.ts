import { z } from 'zod';
import { AVAILABILITY_STATES } from './shift.ts';

export const availabilityBody = z
  .object({
    state: z.enum(AVAILABILITY_STATES).meta({ description: '`available`, `busy` (on a call, in a case) or `away`' }),
  })
  .strict();

export const notificationSettingsBody = z
  .object({
    urgent: z.boolean().meta({ description: 'a new urgent case' }),
    assigned: z.boolean().meta({ description: 'a case assigned to me' }),
    reply: z.boolean().meta({ description: 'the reporter wrote again on a case assigned to me' }),
    sound: z.boolean().meta({ description: 'a short sound with each notification' }),
    doNotDisturb: z
      .boolean()
      .meta({ description: 'nothing pops up or sounds (on a call); the tab title still counts' }),
    showContent: z
      .boolean()
      .meta({ description: "the notification may show the message's words (off: reference only)" }),
  })
  .strict();

export const handoverBody = z
  .object({
    note: z.string().trim().min(1).max(4000).meta({ description: 'what the next shift must know (plain text)' }),
  })
  .strict();

export const handoverIdParam = z.object({ id: z.uuid() });

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const handoverListQuery = z
  .object({
    q: z.string().trim().min(1).max(200).optional().meta({ description: 'words of the note, the author, a reference' }),
    from: instant.optional().meta({ description: 'written at or after (ISO 8601)' }),
    to: instant.optional().meta({ description: 'written before (ISO 8601)' }),
    pending: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => v === 'true')
      .meta({ description: '`true`: only those not yet acknowledged' }),
    before: instant.optional().meta({ description: 'the `createdAt` of the last one of the page before' }),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
