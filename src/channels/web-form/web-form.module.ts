import { createWebFormConnector } from '../../../connectors/web-form/web-form.connector.ts';
import { loadCaseworkConfig } from '../../config/casework-config.ts';
import { DEFAULT_CATEGORIES } from '../../domain/taxonomy.ts';
import { receiptCodeFor } from '../../domain/tokens.ts';
import { reportLimiter } from '../../http/rate-limits.ts';
import { enqueueBounded } from '../../pipeline/accept.ts';
import { createAcceptKeyed } from '../../pipeline/accept-keyed.ts';
import { createKeyedIntakeRepository } from '../../store/keyed-intake.repository.ts';
import { loadSecretKey } from '../../store/secret-key.ts';
import type { ChannelModule } from '../channel-module.ts';
import { createReportStatusRepository } from './report-status.repository.ts';
import { reportStatusRoutes, statusLimiter } from './report-status.routes.ts';
import { reportsRoutes } from './reports.routes.ts';

/**
 * The public report form and its status page: receives only (a report, or an addition to one
 * through its receipt code); its reporters are answered on a channel they left.
 */
export const webFormModule: ChannelModule = {
  name: 'web_form',
  init: (ctx) => {
    // The same secret on every node (TOTP_ENCRYPTION_KEY, or the key file in DATA_DIR).
    const receiptSecret = loadSecretKey(ctx.config.TOTP_ENCRYPTION_KEY, ctx.config.DATA_DIR);
    const keyed = createKeyedIntakeRepository(ctx.db);
    const casework = loadCaseworkConfig(ctx.env);
    return {
      connectors: [createWebFormConnector()],
      publicRoutes: [
        reportsRoutes({
          intake: {
            recordWithReference: keyed.recordNewReport,
            enqueue: (eventId) => enqueueBounded(ctx.producers, eventId, ctx.log),
            receiptFor: (key) => receiptCodeFor(receiptSecret, key),
          },
          categories: DEFAULT_CATEGORIES,
          limiter: reportLimiter(ctx.redis, {
            prefix: ctx.config.REDIS_PREFIX,
            limit: ctx.config.REPORT_RATE_LIMIT,
            windowSec: ctx.config.REPORT_RATE_WINDOW_SEC,
            log: ctx.log,
          }),
          log: ctx.log,
        }),
        reportStatusRoutes({
          lookup: createReportStatusRepository(ctx.db),
          acceptKeyed: createAcceptKeyed(keyed, ctx.producers, ctx.log),
          limiter: statusLimiter(ctx.redis, {
            prefix: ctx.config.REDIS_PREFIX,
            limit: casework.statusRateLimit,
            windowSec: casework.statusRateWindowSec,
            log: ctx.log,
          }),
          origin: { trustProxy: ctx.config.TRUST_PROXY },
          log: ctx.log,
        }),
      ],
    };
  },
};
