import type { ChannelModule } from '../channels/channel-module.ts';
import { loadReferralsConfig } from '../config/referrals-config.ts';
import { createShiftRepository } from './availability.repository.ts';
import { createBoardRepository } from './board.repository.ts';
import { createHandoverRepository } from './handover.repository.ts';
import { handoverRoutes } from './handover.routes.ts';
import { shiftRoutes } from './shift.routes.ts';
import { createShiftService } from './shift.service.ts';

/** The shift: availability, notification settings, the supervisor board and handovers. Rides on the module hooks. */
export const shiftModule: ChannelModule = {
  name: 'shift',
  init(ctx) {
    const store = createShiftRepository(ctx.db);
    const service = createShiftService({ store, publisher: ctx.publisher });
    const board = createBoardRepository(ctx.db, store.onDuty);
    const handovers = createHandoverRepository(ctx.db, { ackDays: loadReferralsConfig(ctx.env).ackDays });
    return { privateRoutes: [shiftRoutes(service, board.board), handoverRoutes(handovers)] };
  },
};
