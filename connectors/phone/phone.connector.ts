import type { Connector } from '../contract.ts';

/**
 * The phone line only reports calls: counselors answer by calling back, which the PBX (or a
 * manual log) reports as an outgoing call. A written reply on a phone case goes out on another
 * identity of the contact, if any, through the registry.
 */
export function createPhoneConnector(): Connector {
  return {
    channel: 'phone',
    replyIdentityKinds: [],
    async health() {
      return { ok: true };
    },
  };
}
