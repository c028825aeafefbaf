import type { MessageUpdate, SenderIdentity } from '../../connectors/contract.ts';

export interface StoredMessageState {
  id: string;
  caseId: string;
  text: string;
  html: string | null;
  direction: 'inbound' | 'outbound' | 'note';
  deliveryStatus: string | null;
  reactions: { from: 'contact' | 'staff'; reaction: string; at: string }[];
}

/** What applying updates needs from the store, inside the ingest transaction. */
export interface UpdateTx {
  messageState(channel: string, externalId: string): Promise<StoredMessageState | null>;
  reviseMessage(
    id: string,
    change: { kind: 'edit'; text: string; at: Date } | { kind: 'unsend'; at: Date },
    previous: { text: string; html: string | null },
  ): Promise<void>;
  setReactions(id: string, reactions: StoredMessageState['reactions']): Promise<void>;
  setDeliveryStatus(id: string, status: string, error: string | null, at: Date): Promise<void>;
  /** Outbound messages to this recipient on this channel, sent up to the watermark, not yet at `status`. */
  outboundUpTo(channel: string, recipient: SenderIdentity, watermark: Date): Promise<StoredMessageState[]>;
}

/** A target not stored yet: its message may still be in the queue, so the job retries. */
export class UpdateTargetMissing extends Error {
  override name = 'UpdateTargetMissing';
}

const RANK: Record<string, number> = { pending: 0, sent: 1, delivered: 2, read: 3 };

/** Delivery only moves forward; a failure counts only before the message got through. */
function deliveryAdvances(current: string | null, next: string): boolean {
  if (next === 'failed') return current === null || current === 'pending' || current === 'sent';
  if (current === 'failed') return false;
  return (RANK[next] ?? -1) > (RANK[current ?? 'pending'] ?? 0);
}

/** Apply updates in order; returns the ids of the messages that changed. */
export async function applyUpdates(tx: UpdateTx, channel: string, updates: MessageUpdate[]): Promise<string[]> {
  const changed = new Set<string>();
  for (const u of updates) {
    if (u.kind === 'delivery_watermark') {
      for (const m of await tx.outboundUpTo(channel, u.recipient, new Date(u.watermark))) {
        if (!deliveryAdvances(m.deliveryStatus, u.status)) continue;
        await tx.setDeliveryStatus(m.id, u.status, null, new Date(u.at));
        changed.add(m.id);
      }
      continue;
    }
    const m = await tx.messageState(channel, u.target);
    if (!m) throw new UpdateTargetMissing(`no stored ${channel} message ${u.target} for a ${u.kind}`);
    switch (u.kind) {
      case 'reaction': {
        const others = m.reactions.filter((r) => r.from !== u.from);
        const next = u.reaction === null ? others : [...others, { from: u.from, reaction: u.reaction, at: u.at }];
        await tx.setReactions(m.id, next);
        break;
      }
      case 'edit':
        if (u.text === m.text) continue;
        await tx.reviseMessage(m.id, { kind: 'edit', text: u.text, at: new Date(u.at) }, m);
        break;
      case 'unsend':
        await tx.reviseMessage(m.id, { kind: 'unsend', at: new Date(u.at) }, m);
        break;
      case 'delivery':
        // A report names its target by id; only a message we sent can have been (un)delivered.
        if (m.direction !== 'outbound' || !deliveryAdvances(m.deliveryStatus, u.status)) continue;
        await tx.setDeliveryStatus(m.id, u.status, u.error ?? null, new Date(u.at));
        break;
    }
    changed.add(m.id);
  }
  return [...changed];
}
