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
