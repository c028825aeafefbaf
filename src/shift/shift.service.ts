import type { Actor } from '../domain/case.service.ts';
import type { EventPublisher } from '../domain/views.ts';
import type { ShiftRepository } from './availability.repository.ts';
import type { AvailabilityState, NotificationSettings } from './shift.ts';

/** A case worker's availability and notification settings. */
export function createShiftService(deps: { store: ShiftRepository; publisher: EventPublisher; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return {
    /** Sets the state (audited when it changes) and tells every case worker, after the commit. */
    async setAvailability(actor: Actor & { name: string }, state: AvailabilityState) {
      const { previous } = await deps.store.setAvailability(actor.id, state, now(), (before) => ({
        actorId: actor.id,
        action: 'user.availability',
        entityType: 'user',
        entityId: actor.id,
        ip: actor.ip,
        details: { state, previous: before },
      }));
      if (previous !== state)
        await deps.publisher.publish([{ type: 'presence:updated', userId: actor.id, name: actor.name, state }]);
      return { state };
    },
    availability: (actor: Actor) => deps.store.availabilityOf(actor.id),
    onDuty: () => deps.store.onDuty(now()),
    settings: (actor: Actor) => deps.store.settingsOf(actor.id),
    async saveSettings(actor: Actor, s: NotificationSettings) {
      await deps.store.saveSettings(actor.id, s, now(), {
        actorId: actor.id,
        action: 'user.notification_settings',
        entityType: 'user',
        entityId: actor.id,
        ip: actor.ip,
        details: { ...s },
      });
      return s;
    },
  };
}

export type ShiftService = ReturnType<typeof createShiftService>;
