import type { ChannelContext, ChannelModule, ChannelRuntime } from '../channels/channel-module.ts';
import { loadUrlsConfig } from '../config/urls-config.ts';
import { createUrlService } from '../domain/url.service.ts';
import { createUrlPlatformService } from '../domain/url-platform.service.ts';
import { DEFAULT_PLATFORMS } from '../domain/url-platforms.ts';
import { createUrlScan } from '../domain/url-scan.ts';
import { urlRoutes } from '../http/routes/urls.routes.ts';
import { startUrlScanLoop, type UrlScanLoop } from '../pipeline/url-scan.loop.ts';
import { createUrlRepository, createUrlViewReader } from '../store/url.repository.ts';
import { createUrlPlatformRepository } from '../store/url-platform.repository.ts';
import { createUrlScanRepository, seedUrlPlatforms } from '../store/url-scan.repository.ts';

/**
 * The hotline's URL workflow. Not a channel: it rides on the channel-module hooks because it reads
 * what every channel ingests (the fast path after each applied message; a sweep for the rest) and
 * adds routes of its own.
 */
export const urlsModule: ChannelModule = {
  name: 'urls',
  async init(ctx: ChannelContext): Promise<ChannelRuntime> {
    const cfg = loadUrlsConfig(ctx.env, ctx.config.PUBLIC_URL);
    await seedUrlPlatforms(ctx.db, DEFAULT_PLATFORMS);
    const opts = { reminderDays: cfg.reminderDays };
    const service = createUrlService({
      store: createUrlRepository(ctx.db, opts),
      audit: ctx.audit,
      publisher: ctx.publisher,
    });
    const platforms = createUrlPlatformService({ store: createUrlPlatformRepository(ctx.db) });
    const reader = createUrlViewReader(ctx.db, opts);
    const scan = createUrlScan({
      store: createUrlScanRepository(ctx.db),
      views: reader.views,
      restrictedByKey: reader.restrictedByKey,
      publisher: ctx.publisher,
      ignoreHosts: cfg.ignoreHosts,
      settleMs: cfg.settleMs,
      ...(cfg.sweepFrom && { sweepFrom: cfg.sweepFrom }),
    });
    let loop: UrlScanLoop | null = null;

    return {
      privateRoutes: [urlRoutes(service, platforms)],
      async startWorker() {
        const started = startUrlScanLoop({
          scan,
          remind: (now) => service.remindDue(now),
          intervalMs: cfg.scanIntervalMs,
          log: ctx.log,
        });
        loop = started;
        return async () => {
          loop = null;
          await started.stop();
        };
      },
      async onApplied(applied) {
        if (applied.outcome === 'applied' && applied.messageId) loop?.notify([applied.messageId]);
      },
    };
  },
};
