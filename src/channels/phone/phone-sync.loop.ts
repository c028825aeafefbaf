import type { Logger } from 'pino';
import type { PhoneCallRepository } from './phone-call.repository.ts';
import type { PhoneIngest } from './phone-ingest.service.ts';

const BATCH = 100;

/**
 * Worker role: the safety net behind the after-apply hook. Refreshes call messages that an update
 * overtook while the call's first state waited in the queue, should the hook have missed one.
 */
export function startPhoneSyncLoop(deps: {
  calls: PhoneCallRepository;
  ingest: PhoneIngest;
  intervalMs: number;
  log: Logger;
}): { runOnce(): Promise<number>; stop(): Promise<void> } {
  let running: Promise<number> | null = null;
  const pass = async (): Promise<number> => {
    let done = 0;
    for (const callId of await deps.calls.behindMessages(BATCH)) if (await deps.ingest.sync(callId)) done++;
    if (done > 0) deps.log.info({ done }, 'phone calls caught up');
    return done;
  };
  const runOnce = () => {
    running ??= pass()
      .catch((err) => {
        deps.log.warn({ err }, 'phone sync pass failed');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void runOnce(), deps.intervalMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
