import type { ChannelKind, Connector, IdentityKind } from './contract.ts';

/** Explicit map of channel kind to connector: no directory scanning, no magic. */
export class ConnectorRegistry {
  private readonly byChannel = new Map<ChannelKind, Connector>();

  register(connector: Connector): this {
    if (this.byChannel.has(connector.channel)) throw new Error(`connector for ${connector.channel} registered twice`);
    this.byChannel.set(connector.channel, connector);
    return this;
  }

  get(channel: ChannelKind): Connector | undefined {
    return this.byChannel.get(channel);
  }

  /** A connector that can deliver to an identity of this kind (an e-mail address → the e-mail connector). */
  senderFor(kind: IdentityKind): Connector | undefined {
    for (const c of this.byChannel.values()) if (c.send && c.replyIdentityKinds.includes(kind)) return c;
    return undefined;
  }

  all(): Connector[] {
    return [...this.byChannel.values()];
  }
}
