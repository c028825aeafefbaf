import type { ChannelModule } from '../channels/channel-module.ts';
import { createTriageFeedbackRepository } from './triage-feedback.repository.ts';
import { triageFeedbackRoutes } from './triage-feedback.routes.ts';
import { createTriageFeedbackService } from './triage-feedback.service.ts';

/** Counselors' marks on the urgency rules' triage. Not a channel: it rides on the channel-module hooks for its routes. */
export const triageFeedbackModule: ChannelModule = {
  name: 'triage-feedback',
  init(ctx) {
    return {
      privateRoutes: [
        triageFeedbackRoutes(createTriageFeedbackService({ store: createTriageFeedbackRepository(ctx.db) })),
      ],
    };
  },
};
