import type { ChannelModule } from '../channels/channel-module.ts';
import { DEFAULT_CATEGORIES } from '../domain/taxonomy.ts';
import { receiptCodeFor } from '../domain/tokens.ts';
import { normaliseLanguageTag } from '../i18n/lang-tag.ts';
import { enqueueBounded } from '../pipeline/accept.ts';
import { loadSecretKey } from '../store/secret-key.ts';
import { createPartnerReportRepository } from './partner-reports.repository.ts';
import { partnerReportRoutes } from './partner-reports.routes.ts';
import { createPartnerReportService } from './partner-reports.service.ts';

/**
 * Partners' submissions (health centres' contact persons). Not a channel: a partner's report takes
 * the public form's intake path; this module only adds the partners' own routes.
 */
export const partnersModule: ChannelModule = {
  name: 'partners',
  init(ctx) {
    // The receipt secret of the public form (the same on every node), so a receipt reads alike.
    const receiptSecret = loadSecretKey(ctx.config.TOTP_ENCRYPTION_KEY, ctx.config.DATA_DIR);
    const service = createPartnerReportService({
      store: createPartnerReportRepository(ctx.db),
      categories: DEFAULT_CATEGORIES,
      language: normaliseLanguageTag,
      enqueue: (eventId) => enqueueBounded(ctx.producers, eventId, ctx.log),
      receiptFor: (key) => receiptCodeFor(receiptSecret, key),
    });
    return { privateRoutes: [partnerReportRoutes(service)] };
  },
};
