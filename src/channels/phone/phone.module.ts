import { createPhoneConnector } from '../../../connectors/phone/phone.connector.ts';
import { enqueueBounded } from '../../pipeline/accept.ts';
import { createIngestUnitOfWork } from '../../store/ingest.repository.ts';
import type { ChannelModule } from '../channel-module.ts';
import { createPhoneCallRepository } from './phone-call.repository.ts';
import { createPhoneCallbackRepository } from './phone-callback.repository.ts';
import { phoneCallbacksRoutes } from './phone-callbacks.routes.ts';
import { phoneCallsRoutes } from './phone-calls.routes.ts';
import { createPhoneDoNotCallRepository } from './phone-do-not-call.repository.ts';
import { directDispatch } from './phone-import.service.ts';
import { createPhoneIngest } from './phone-ingest.service.ts';
import { pbxRoutes } from './phone-pbx.routes.ts';
import { loadPhoneSettings } from './phone-settings.ts';
import { startPhoneSyncLoop } from './phone-sync.loop.ts';

/**
 * The phone line: call records from the PBX (`POST /api/calls`), CSV imports and calls logged by
 * hand, each call one message of a case; missed calls become callback tasks.
 */
export const phoneModule: ChannelModule = {
  name: 'phone',
  init(ctx) {
    const settings = loadPhoneSettings(ctx.env, ctx.channelsFile.phone);
    if (!settings.token && settings.lines.length === 0) {
      ctx.log.info('no CALLS_API_TOKEN and no phone lines in CHANNELS_FILE: PBX posts are refused until one is set');
    }
    const calls = createPhoneCallRepository(ctx.db);
    const callbacks = createPhoneCallbackRepository(ctx.db);
    const ingest = createPhoneIngest({
      calls,
      callbacks,
      // The event is recorded with the call (one transaction); this is the enqueue half of ctx.accept.
      dispatch: (eventId) => enqueueBounded(ctx.producers, eventId, ctx.log),
      publisher: ctx.publisher,
      messageView: (id) => ctx.cases.message(id),
      settings,
      log: ctx.log,
    });
    const importDispatch = directDispatch({
      ingest: createIngestUnitOfWork(ctx.db),
      ingestOptions: ctx.ingestOptions,
      publisher: ctx.publisher,
      log: ctx.log,
    });
    return {
      connectors: [createPhoneConnector()],
      publicRoutes: [pbxRoutes({ ingest, calls, settings })],
      // A call-log upload is larger than the API's JSON limit; parsed only for a signed-in user.
      largeJsonRoutes: [{ path: '/api/calls/import', limitBytes: settings.importMaxBytes }],
      privateRoutes: [
        phoneCallsRoutes({
          ingest,
          importDispatch,
          calls,
          callbacks,
          doNotCall: createPhoneDoNotCallRepository(ctx.db),
          cases: ctx.cases,
          audit: ctx.audit,
          settings,
          categoryState: ctx.categoryState,
          log: ctx.log,
        }),
        phoneCallbacksRoutes({ callbacks, ingest }),
      ],
      // The call may have moved on while its first state waited in the queue.
      async onApplied(applied) {
        if (applied.envelope.channel !== 'phone' || applied.envelope.type === 'update') return;
        await ingest.sync(applied.envelope.externalId);
      },
      async startWorker() {
        const loop = startPhoneSyncLoop({ calls, ingest, intervalMs: settings.syncIntervalMs, log: ctx.log });
        await loop.runOnce();
        return loop.stop;
      },
    };
  },
};
