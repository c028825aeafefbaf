import type { Connector } from '../contract.ts';

/**
 * The public form only receives. Replies to web-form reporters travel on the channel of an
 * identity they left (e-mail), which the outbound worker resolves through the registry.
 */
export function createWebFormConnector(): Connector {
  return {
    channel: 'web_form',
    replyIdentityKinds: [],
    async health() {
      return { ok: true };
    },
  };
}
