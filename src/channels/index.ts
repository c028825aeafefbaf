import type { ChannelModule } from './channel-module.ts';
import { emailModule } from './email/email.module.ts';
import { metaModule } from './meta/meta.module.ts';
import { phoneModule } from './phone/phone.module.ts';
import { webFormModule } from './web-form/web-form.module.ts';

/** Every channel Kontakt runs, in the order their routes are mounted. */
export const CHANNEL_MODULES: readonly ChannelModule[] = [webFormModule, emailModule, metaModule, phoneModule];
