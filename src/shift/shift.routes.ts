import { Router } from 'express';
import type { Role } from '../domain/taxonomy.ts';
import { actorOf, requireRole, requireUser } from '../http/session.ts';
import { availabilityBody, notificationSettingsBody } from './shift.schema.ts';
import type { ShiftService } from './shift.service.ts';
import type { Board } from './shift.ts';

/** Who reads the supervisor board. */
export const BOARD_READERS: readonly Role[] = ['supervisor', 'admin'];

/** A case worker's own availability and notification settings, and who is on duty. Case workers only. */
export function shiftRoutes(service: ShiftService, board: (now: Date) => Promise<Board>): Router {
  const r = Router();

  r.get('/api/me/availability', requireUser, async (req, res) => {
    res.json({ state: await service.availability(actorOf(req)) });
  });

  r.put('/api/me/availability', requireUser, async (req, res) => {
    const { state } = availabilityBody.parse(req.body);
    res.json(await service.setAvailability({ ...actorOf(req), name: req.user?.name ?? '' }, state));
  });

  r.get('/api/on-duty', requireUser, async (_req, res) => {
    res.json({ items: await service.onDuty() });
  });

  r.get('/api/me/notification-settings', requireUser, async (req, res) => {
    res.json(await service.settings(actorOf(req)));
  });

  r.put('/api/me/notification-settings', requireUser, async (req, res) => {
    res.json(await service.saveSettings(actorOf(req), notificationSettingsBody.parse(req.body)));
  });

  r.get('/api/board', requireRole(...BOARD_READERS), async (_req, res) => {
    res.json(await board(new Date()));
  });

  return r;
}
