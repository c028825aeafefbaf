import { Router } from 'express';
import type { RateLimitRequestHandler } from 'express-rate-limit';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { TotpService } from '../../domain/totp.service.ts';
import type { UserAdminService } from '../../domain/user-admin.service.ts';
import { requireSignedIn } from '../session.ts';
import { newPassword } from './users.routes.ts';

export const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'not a link token');
export const linkBody = z.object({ token }).strict();
export const setPasswordBody = z.object({ token, password: newPassword }).strict();
export const enrolBody = z.object({ password: z.string().min(1).max(1024) }).strict();
export const codeBody = z.object({ code: z.string().trim().max(16) }).strict();
export const changePasswordBody = z.object({ current: z.string().min(1).max(1024), password: newPassword }).strict();

/** One answer for unknown, used and expired links: the page learns nothing from a dead link. */
const deadLink = { error: 'link_invalid', message: 'this link is not valid (it may have been used or have expired)' };

/**
 * The invitee's and the password-reset page's calls (no session: the one-time token is the
 * credential), and a signed-in user's own second factor.
 */
export function accountRoutes(
  users: UserAdminService,
  totp: TotpService,
  opts: { limiter: RateLimitRequestHandler },
): Router {
  const r = Router();

  r.post('/api/account/link', opts.limiter, async (req, res) => {
    const body = linkBody.safeParse(req.body);
    const info = body.success ? await users.linkInfo(body.data.token) : undefined;
    if (!info) {
      res.status(404).json(deadLink);
      return;
    }
    res.json(info);
  });

  r.post('/api/account/password', opts.limiter, async (req, res) => {
    const body = setPasswordBody.parse(req.body);
    if (!(await users.usePasswordLink(body.token, body.password, req.ip ?? null))) {
      res.status(404).json(deadLink);
      return;
    }
    res.status(204).end();
  });

  /** The signed-in user's own password: the current one, then the new one (same rules as ever). */
  r.post('/api/me/password', requireSignedIn, opts.limiter, async (req, res) => {
    const body = changePasswordBody.parse(req.body);
    const user = req.user as NonNullable<typeof req.user>;
    // A lock (shared with sign-in) is thrown as AccountLockedError: 429 from the error handler.
    await users.changeOwnPassword(user, req.sessionToken as string, body, req.ip ?? null);
    res.status(204).end();
  });

  r.get('/api/me/totp', requireSignedIn, async (req, res) => {
    res.json(await totp.status((req.user as { id: string }).id));
  });

  r.post('/api/me/totp/enrol', requireSignedIn, opts.limiter, async (req, res) => {
    const { password } = enrolBody.parse(req.body);
    const user = req.user as NonNullable<typeof req.user>;
    const { secret, uri } = await totp.enrol(user, password, req.ip ?? null);
    const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ secret, uri, qr: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}` });
  });

  r.post('/api/me/totp/confirm', requireSignedIn, async (req, res) => {
    const { code } = codeBody.parse(req.body);
    await totp.confirm(req.user as NonNullable<typeof req.user>, code, req.ip ?? null);
    res.json({ enabled: true });
  });

  r.post('/api/me/totp/disable', requireSignedIn, opts.limiter, async (req, res) => {
    const { code } = codeBody.parse(req.body);
    await totp.disable(req.user as NonNullable<typeof req.user>, code, req.ip ?? null);
    res.json({ enabled: false });
  });

  return r;
}
