import { parse as parseCookies, serialize } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthService, AuthUser } from '../domain/auth.service.ts';
import type { Actor } from '../domain/case.service.ts';
import { ForbiddenError } from '../domain/errors.ts';
import { isStaff, type Role } from '../domain/taxonomy.ts';
import type { SignedInUser } from './routes/users.schema.ts';

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

/** Any signed-in account, whatever its role: its own session, password, second factor and language. */
export function requireSignedIn(req: Request, res: Response, next: NextFunction): void {
  if (!req.user) {
    res.status(401).json({ error: 'unauthenticated' });
    return;
  }
  next();
}

/**
 * A signed-in case worker (counselor, supervisor, admin): the guard of every case route. Educators
 * and partners are refused (403) here by default, so a route written without them in mind never
 * shows them a case; their own routes name their role with requireRole.
 */
export function requireUser(req: Request, res: Response, next: NextFunction): void {
  if (!req.user) {
    res.status(401).json({ error: 'unauthenticated' });
    return;
  }
  if (!isStaff(req.user.role)) {
    res.status(403).json({ error: 'forbidden' });
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

/** The case worker calling (behind requireUser or a staff requireRole); anyone else is refused. */
export const actorOf = (req: Request): Actor => {
  if (!req.user) throw new Error('actorOf called without a user');
  const { role } = req.user;
  if (!isStaff(role)) throw new ForbiddenError();
  return { id: req.user.id, role, ip: req.ip ?? null };
};

/** Whoever is signed in, whatever the role (an educator, a partner): for their own routes' audit entries. */
export const accountOf = (req: Request): { id: string; role: Role; ip: string | null } => {
  if (!req.user) throw new Error('accountOf called without a user');
  return { id: req.user.id, role: req.user.role, ip: req.ip ?? null };
};

export const publicUser = (u: AuthUser): SignedInUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  language: u.language,
  ...(u.role === 'partner' && { institution: u.institution ?? null }),
});
