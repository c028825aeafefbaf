import { ANY_ROLE, type RouteDoc } from '../http/openapi/openapi.registry.ts';
import { handoverPaths } from './handover.openapi.ts';
import { BOARD_READERS } from './shift.routes.ts';
import { availabilityBody, notificationSettingsBody } from './shift.schema.ts';

const tag = 'Shift';

/** Availability, notification settings and who is on duty. */
export const shiftPaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/me/availability',
    tag,
    auth: ANY_ROLE,
    summary: 'Your state on shift',
    responses: { 200: '`{ state }`: `available` (also when never set), `busy` or `away`.' },
  },
  {
    method: 'put',
    path: '/api/me/availability',
    tag,
    auth: ANY_ROLE,
    summary: 'Set yourself available, busy or away (audited when it changes)',
    description:
      'Every case worker hears `presence:updated { userId, name, state }` on the socket after the change commits.',
    body: availabilityBody,
    responses: { 200: '`{ state }`.' },
  },
  {
    method: 'get',
    path: '/api/on-duty',
    tag,
    auth: ANY_ROLE,
    summary: 'Who is on duty: signed-in case workers with their state and open cases',
    responses: { 200: '`{ items: [{ id, name, role, state, openCases }] }`, by name.' },
  },
  {
    method: 'get',
    path: '/api/me/notification-settings',
    tag,
    auth: ANY_ROLE,
    summary: 'Your notification settings (the defaults until you save them)',
    responses: {
      200: '`{ urgent, assigned, reply, sound, doNotDisturb, showContent }`; `showContent` is off by default.',
    },
  },
  {
    method: 'put',
    path: '/api/me/notification-settings',
    tag,
    auth: ANY_ROLE,
    summary: 'Save your notification settings (audited)',
    description:
      'The server sends `notify { kind, caseId, reference }` (urgent to every case worker; assigned and reply to ' +
      'the assignee only) whatever the settings; the inbox applies them (do not disturb, sound, words shown).',
    body: notificationSettingsBody,
    responses: { 200: 'The settings as saved.' },
  },
  {
    method: 'get',
    path: '/api/board',
    tag,
    auth: BOARD_READERS,
    summary: 'The supervisor board: what waits, what is urgent or late, callbacks due, who is on duty',
    description:
      'Cases by reference only (no words, no phone numbers). `waiting`: cases without a first answer per channel ' +
      'with the oldest arrival; `urgent`; `unassigned` (count and oldest); `breaches.now` / `breaches.nextHour`: ' +
      'first answers overdue or due within the hour; `callbacks`: open phone callbacks due within the hour ' +
      '(`overdue` when past); `onDuty` as GET /api/on-duty. The inbox refetches it on case, callback and ' +
      'presence events.',
    responses: { 200: '`{ at, waiting, urgent, unassigned, breaches, callbacks, onDuty }`.' },
  },
  ...handoverPaths,
];
