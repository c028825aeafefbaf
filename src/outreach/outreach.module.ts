import type { ChannelModule } from '../channels/channel-module.ts';
import { createOutreachRepository } from './outreach.repository.ts';
import { OUTREACH_IMPORT_PATH, outreachRoutes } from './outreach.routes.ts';
import { createOutreachService } from './outreach.service.ts';

/**
 * The outreach register (the education team's activities). Not a channel: it rides on the
 * channel-module hooks for its routes and for the larger body its CSV import needs.
 */
export const outreachModule: ChannelModule = {
  name: 'outreach',
  init(ctx) {
    const service = createOutreachService({ store: createOutreachRepository(ctx.db) });
    return {
      privateRoutes: [outreachRoutes(service)],
      // A spreadsheet of a few thousand activities is larger than the API's usual 256 kB.
      largeJsonRoutes: [{ path: OUTREACH_IMPORT_PATH, limitBytes: 6 * 1024 * 1024 }],
    };
  },
};
