import { Router } from 'express';
import type { RateLimitRequestHandler } from 'express-rate-limit';
import { z } from 'zod';
import type { AuthService } from '../../domain/auth.service.ts';
import { clearedSessionCookie, publicUser, requireUser, sessionCookie } from '../session.ts';

const loginBody = z.object({ email: z.string().trim().max(254), password: z.string().min(1).max(1024) }).strict();

export function authRoutes(
  auth: AuthService,
  opts: { secureCookies: boolean; sessionTtlHours: number; loginLimiter: RateLimitRequestHandler },
): Router {
  const r = Router();

  r.post('/api/auth/login', opts.loginLimiter, async (req, res) => {
    const body = loginBody.parse(req.body);
    const result = await auth.login(body.email, body.password, req.ip ?? null, req.get('user-agent') ?? null);
    if (!result.ok && result.reason === 'locked') {
      res.set('Retry-After', String(Math.max(1, result.retryAfterSec)));
      res.status(429).json({
        error: 'account_locked',
        retryAfterSec: result.retryAfterSec,
        message: 'too many failed sign-ins for this account; try again later or ask an administrator',
      });
      return;
    }
    if (!result.ok) {
      res.status(401).json({ error: 'invalid_credentials' });
      return;
    }
    res.setHeader(
      'Set-Cookie',
      sessionCookie(result.token, { secure: opts.secureCookies, maxAgeSec: opts.sessionTtlHours * 3600 }),
    );
    res.json({ user: publicUser(result.user) });
  });

  r.post('/api/auth/logout', requireUser, async (req, res) => {
    if (req.sessionToken && req.user) await auth.logout(req.sessionToken, req.user.id, req.ip ?? null);
    res.setHeader('Set-Cookie', clearedSessionCookie(opts.secureCookies));
    res.status(204).end();
  });

  r.post('/api/auth/logout-all', requireUser, async (req, res) => {
    if (req.user) await auth.logoutEverywhere(req.user.id, req.ip ?? null);
    res.setHeader('Set-Cookie', clearedSessionCookie(opts.secureCookies));
    res.status(204).end();
  });

  r.get('/api/me', requireUser, (req, res) => {
    if (req.user) res.json({ user: publicUser(req.user) });
  });

  return r;
}
