import { parse as parseCookies, serialize } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthService, AuthUser } from '../domain/auth.service.ts';
import type { Actor } from '../domain/case.service.ts';
import type { Role } from '../domain/taxonomy.ts';

export const SESSION_COOKIE = 'kontakt_sid';

declare global {
  namespace Express {
    interface Request {
      user?: AuthUser;
      sessionToken?: string;
    }
  }
}

export function sessionCookie(token: string, opts: { secure: boolean; maxAgeSec: number }): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    path: '/',
    maxAge: opts.maxAgeSec,
  });
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 });
}

export function tokenFromCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const token = parseCookies(header)[SESSION_COOKIE];
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : undefined;
}

/** Attach the signed-in user, if any; never rejects by itself. */
export function loadSession(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const token = tokenFromCookieHeader(req.headers.cookie);
    if (token) {
      const user = await auth.userForToken(token);
      if (user) {
        req.user = user;
        req.sessionToken = token;
      }
    }
    next();
  };
}

export function requireUser(req: Request, res: Response, next: NextFunction): void {
  if (!req.user) {
    res.status(401).json({ error: 'unauthenticated' });
    return;
  }
  next();
}

export const requireRole =
  (...roles: Role[]): RequestHandler =>
  (req, res, next) => {
    if (!req.user) {
      res.status(401).json({ error: 'unauthenticated' });
      return;
    }
    if (!roles.includes(req.user.role)) {
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    next();
  };

/**
 * CSRF guard for cookie-authenticated writes: a cross-site form can only send urlencoded,
 * multipart or text/plain bodies without a CORS preflight, so requiring JSON shuts it out.
 */
export function requireJsonForWrites(req: Request, res: Response, next: NextFunction): void {
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
  if (unsafe && !req.is('application/json')) {
    res.status(415).json({ error: 'unsupported_media_type', message: 'send application/json' });
    return;
  }
  next();
}

export const actorOf = (req: Request): Actor => {
  if (!req.user) throw new Error('actorOf called without a user');
  return { id: req.user.id, role: req.user.role, ip: req.ip ?? null };
};

export const publicUser = (u: AuthUser) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  language: u.language,
});
