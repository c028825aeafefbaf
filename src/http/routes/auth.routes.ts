import { type Request, type Response, Router } from 'express';
import type { RateLimitRequestHandler } from 'express-rate-limit';
import { z } from 'zod';
import type { AuthService, LoginResult } from '../../domain/auth.service.ts';
import { answerAccountLocked } from '../errors.ts';
import { clearedSessionCookie, publicUser, requireSignedIn, sessionCookie } from '../session.ts';

export const loginBody = z
  .object({ email: z.string().trim().max(254), password: z.string().min(1).max(1024) })
  .strict();
export const totpBody = z
  .object({ challenge: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/), code: z.string().trim().max(16) })
  .strict();

export function authRoutes(
  auth: AuthService,
  opts: { sessionTtlHours: number; loginLimiter: RateLimitRequestHandler },
): Router {
  const r = Router();

  const answer = (req: Request, res: Response, result: LoginResult) => {
    if (!result.ok && result.reason === 'totp_required') {
      // The password was right; no session until the code is right too.
      res.json({ totpRequired: true, challenge: result.challenge });
      return;
    }
    if (!result.ok && result.reason === 'locked') {
      answerAccountLocked(res, result.retryAfterSec);
      return;
    }
    if (!result.ok) {
      res.status(401).json({ error: 'invalid_credentials' });
      return;
    }
    // Secure whenever the browser reached us over HTTPS (req.secure honours X-Forwarded-Proto under TRUST_PROXY).
    res.setHeader(
      'Set-Cookie',
      sessionCookie(result.token, { secure: req.secure, maxAgeSec: opts.sessionTtlHours * 3600 }),
    );
    res.json({ user: publicUser(result.user) });
  };

  r.post('/api/auth/login', opts.loginLimiter, async (req, res) => {
    const body = loginBody.parse(req.body);
    answer(req, res, await auth.login(body.email, body.password, req.ip ?? null, req.get('user-agent') ?? null));
  });

  r.post('/api/auth/login/totp', opts.loginLimiter, async (req, res) => {
    const body = totpBody.parse(req.body);
    answer(req, res, await auth.loginTotp(body.challenge, body.code, req.ip ?? null, req.get('user-agent') ?? null));
  });

  r.post('/api/auth/logout', requireSignedIn, async (req, res) => {
    if (req.sessionToken && req.user) await auth.logout(req.sessionToken, req.user.id, req.ip ?? null);
    res.setHeader('Set-Cookie', clearedSessionCookie(req.secure));
    res.status(204).end();
  });

  r.post('/api/auth/logout-all', requireSignedIn, async (req, res) => {
    if (req.user) await auth.logoutEverywhere(req.user.id, req.ip ?? null);
    res.setHeader('Set-Cookie', clearedSessionCookie(req.secure));
    res.status(204).end();
  });

  r.get('/api/me', requireSignedIn, (req, res) => {
    if (req.user) res.json({ user: publicUser(req.user) });
  });

  return r;
}
