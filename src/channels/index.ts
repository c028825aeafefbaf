import type { ChannelModule } from './channel-module.ts';
import { emailModule } from './email.module.ts';
import { metaModule } from './meta.module.ts';
import { phoneModule } from './phone.module.ts';
import { referralsModule } from './referrals.module.ts';
import { webFormModule } from './web-form.module.ts';

/** Every channel Kontakt runs, in the order their routes are mounted. */
export const CHANNEL_MODULES: readonly ChannelModule[] = [
  webFormModule,
  emailModule,
  metaModule,
  phoneModule,
  // Last: it listens to what the e-mail channel ingests and sends through its SMTP.
  referralsModule,
];
