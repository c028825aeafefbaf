import type { ChannelModule } from '../channels/channel-module.ts';
import { createShiftRepository } from './availability.repository.ts';
import { shiftRoutes } from './shift.routes.ts';
import { createShiftService } from './shift.service.ts';

/** The shift: availability, notification settings, the supervisor board and handovers. Rides on the module hooks. */
export const shiftModule: ChannelModule = {
  name: 'shift',
  init(ctx) {
    const service = createShiftService({ store: createShiftRepository(ctx.db), publisher: ctx.publisher });
    return { privateRoutes: [shiftRoutes(service)] };
  },
};
