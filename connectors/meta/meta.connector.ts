import {
  type Connector,
  type ConnectorHealth,
  type OutboundReply,
  PermanentChannelError,
  type SenderIdentity,
  type SendResult,
} from '../contract.ts';
import type { GraphClient, MessagingType } from './graph-client.ts';
import { classifyGraphError, GraphError } from './graph-errors.ts';
import { identityKind } from './messaging-mapper.ts';
import { messagingWindow, TEXT_LIMIT, textFits } from './messaging-window.ts';
import type { MetaChannel, MetaPage } from './meta-page.ts';

/** What the connector needs from the rest of Kontakt, as plain functions (it imports nothing of src/). */
export interface MetaConnectorDeps {
  channel: MetaChannel;
  graph: GraphClient;
  pages: ReadonlyMap<string, MetaPage>;
  /** The person's latest message to the page on this channel, in any case (the window is per person). */
  lastUserMessage(to: SenderIdentity): Promise<{ at: Date; pageId: string | null } | null>;
  /** Reason the page needs re-authorising, or null. */
  reauthReason(pageId: string): Promise<string | null>;
  markReauth(pageId: string, reason: string): Promise<void>;
  clearReauth(pageId: string): Promise<void>;
  now?(): Date;
}

/** The page a reply goes out from: the one the person wrote to; with one page configured, that one. */
export function pageFor(pages: ReadonlyMap<string, MetaPage>, pageId: string | null | undefined): MetaPage | undefined {
  if (pageId) return pages.get(pageId);
  return pages.size === 1 ? [...pages.values()][0] : undefined;
}

/** The later of the case's last inbound message and the person's last message anywhere. */
async function lastMessage(deps: MetaConnectorDeps, reply: OutboundReply) {
  const fromCase = reply.lastInbound
    ? {
        at: new Date(reply.lastInbound.at),
        pageId: typeof reply.lastInbound.fields?.pageId === 'string' ? reply.lastInbound.fields.pageId : null,
      }
    : null;
  const anywhere = await deps.lastUserMessage(reply.to);
  if (!fromCase) return anywhere;
  if (!anywhere) return fromCase;
  return anywhere.at > fromCase.at ? anywhere : fromCase;
}

/**
 * Replies to Messenger (PSID) or Instagram (IGSID) through the Send API, inside Meta's window.
 * A refusal the inbox must explain is a PermanentChannelError whose message starts with a reason
 * code (outside_messaging_window, page_needs_reauthorisation, …); rate limits and transient
 * failures are plain errors, so the queue backs off and retries.
 */
export function createMetaConnector(deps: MetaConnectorDeps): Connector {
  const kind = identityKind(deps.channel);
  return {
    channel: deps.channel,
    replyIdentityKinds: [kind],

    async send(reply: OutboundReply): Promise<SendResult> {
      if (reply.to.kind !== kind) throw new PermanentChannelError(`wrong_recipient_kind: ${reply.to.kind}`);
      const last = await lastMessage(deps, reply);
      const page = pageFor(deps.pages, last?.pageId);
      if (!page) throw new PermanentChannelError(`page_not_configured: ${last?.pageId ?? 'unknown page'}`);
      if (!textFits(deps.channel, reply.text)) {
        const limit = TEXT_LIMIT[deps.channel];
        throw new PermanentChannelError(`text_too_long: at most ${limit.max} ${limit.unit} per message`);
      }
      const now = deps.now?.() ?? new Date();
      const window = messagingWindow(last?.at ?? null, now, page.humanAgent);
      if (!window.canReply) {
        throw new PermanentChannelError(
          `outside_messaging_window: last message from the person ${last?.at.toISOString() ?? 'never'}`,
        );
      }
      const type: MessagingType =
        window.mode === 'response'
          ? { messaging_type: 'RESPONSE' }
          : { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
      try {
        const id = await deps.graph.send(page.pageId, page.accessToken, reply.to.value, { text: reply.text }, type);
        // Each file is a message of its own on Messenger and Instagram; Meta fetches it by URL.
        for (const attachment of reply.attachments) {
          await deps.graph.send(page.pageId, page.accessToken, reply.to.value, { attachment }, type);
        }
        await deps.clearReauth(page.pageId);
        return { externalId: id };
      } catch (err) {
        if (!(err instanceof GraphError)) throw err;
        const failure = classifyGraphError(err);
        if (failure.kind === 'reauth') {
          await deps.markReauth(page.pageId, failure.detail);
          throw new PermanentChannelError(`${failure.reason}: ${failure.detail}`);
        }
        if (failure.kind === 'retry') throw new Error(`${failure.reason}: ${failure.detail}`);
        throw new PermanentChannelError(`${failure.reason}: ${failure.detail}`);
      }
    },

    async health(): Promise<ConnectorHealth> {
      for (const page of deps.pages.values()) {
        const reason = await deps.reauthReason(page.pageId);
        if (reason) return { ok: false, detail: `page ${page.pageId} needs re-authorisation: ${reason}` };
      }
      return { ok: true };
    },
  };
}
