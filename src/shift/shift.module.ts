import type { ChannelModule } from '../channels/channel-module.ts';
import { createShiftRepository } from './availability.repository.ts';
import { createBoardRepository } from './board.repository.ts';
import { shiftRoutes } from './shift.routes.ts';
import { createShiftService } from './shift.service.ts';

/** The shift: availability, notification settings, the supervisor board and handovers. Rides on the module hooks. */
export const shiftModule: ChannelModule = {
  name: 'shift',
  init(ctx) {
    const store = createShiftRepository(ctx.db);
    const service = createShiftService({ store, publisher: ctx.publisher });
    const board = createBoardRepository(ctx.db, store.onDuty);
    return { privateRoutes: [shiftRoutes(service, board.board)] };
  },
};
