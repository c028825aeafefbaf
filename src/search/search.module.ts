import type { ChannelModule } from '../channels/channel-module.ts';
import { createSavedSearchService } from '../domain/saved-search.service.ts';
import { createSearchService } from '../domain/search.service.ts';
import { createSavedSearchRepository } from '../store/saved-search.repository.ts';
import { createSearchRepository } from '../store/search.repository.ts';
import { searchRoutes } from './search.routes.ts';

/** Search in both scripts and saved searches (issue 21). Not a channel: it rides on the module hooks for its routes. */
export const searchModule: ChannelModule = {
  name: 'search',
  init(ctx) {
    return {
      privateRoutes: [
        searchRoutes(
          createSearchService({ store: createSearchRepository(ctx.db) }),
          createSavedSearchService({ store: createSavedSearchRepository(ctx.db) }),
        ),
      ],
    };
  },
};
