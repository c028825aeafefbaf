import { type Request, Router } from 'express';
import { z } from 'zod';
import type { SignInLocksService } from '../../domain/sign-in-locks.service.ts';
import { ROLES, type Role } from '../../domain/taxonomy.ts';
import type { UserAdminService } from '../../domain/user-admin.service.ts';
import { requireRole } from '../session.ts';
import type { Account, UserView } from './users.schema.ts';

type ListedAccount = Awaited<ReturnType<UserAdminService['list']>>[number];

export const newPassword = z.string().min(12, 'at least 12 characters').max(1024);
export const idParam = z.object({ id: z.uuid() });
const name = z.string().trim().min(1).max(200);
/** A partner's institution (the health centre they report for): required for a partner, refused for others. */
const institution = z.string().trim().min(1).max(200).nullish();
export const createBody = z
  .object({
    email: z.email().max(254),
    name,
    role: z.enum(ROLES),
    institution,
    /** Absent: the user is invited by a one-time link and chooses their own. */
    password: newPassword.optional(),
  })
  .strict();
export const patchBody = z
  .object({ role: z.enum(ROLES).optional(), name: name.optional(), institution })
  .strict()
  .refine((b) => b.role !== undefined || b.name !== undefined || b.institution !== undefined, {
    message: 'nothing to change',
  });
export const passwordBody = z.object({ password: newPassword }).strict();

const hostOf = (host: string) => {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
};

/**
 * Where one-time links point: PUBLIC_URL; without it, the address the admin used, but only when
 * its host is one of PUBLIC_HOSTS. A forged Host header never becomes a link someone is sent.
 */
function linkBase(req: Request, o: { publicUrl?: string; publicHosts: readonly string[] }): string | undefined {
  if (o.publicUrl) return o.publicUrl.replace(/\/+$/, '');
  const host = req.get('host') ?? '';
  const name = hostOf(host);
  return name && o.publicHosts.includes(name) ? `${req.protocol}://${host}` : undefined;
}

const noBase = {
  error: 'public_url_required',
  message: 'set PUBLIC_URL (or add this host to PUBLIC_HOSTS) before links can be made',
};
const linkUrl = (base: string, token: string) => `${base}/#set-password=${token}`;

const view = (u: {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  institution?: string | null | undefined;
}): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  institution: u.institution ?? null,
  active: u.active,
});

/** A row of the admins' list as the API answers it (users.schema.ts). */
const listed = (a: ListedAccount & { lock: Account['lock'] }): Account => ({
  ...view(a),
  hasPassword: a.hasPassword,
  invitePending: a.invitePending,
  totpEnabled: a.totpEnabled,
  createdAt: a.createdAt.toISOString(),
  lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
  status: a.status,
  lock: a.lock,
});

/** Admins only: accounts, roles, one-time links, a lost second factor, and sign-in locks. */
export function usersRoutes(
  users: UserAdminService,
  opts: { publicUrl?: string; publicHosts: readonly string[]; locks: SignInLocksService },
): Router {
  const r = Router();
  r.use('/api/users', requireRole('admin'));
  const actor = (req: Request) => ({ id: (req.user as { id: string }).id, ip: req.ip ?? null });

  r.get('/api/users', async (req, res) => {
    const items = await opts.locks.annotate(await users.list(actor(req)));
    res.json({ items: items.map(listed) });
  });

  r.post('/api/users', async (req, res) => {
    const body = createBody.parse(req.body);
    const base = linkBase(req, opts);
    // An invitation is a link: refused before the account exists, not after.
    if (!body.password && !base) {
      res.status(409).json(noBase);
      return;
    }
    const { user, link } = await users.create(actor(req), body);
    res.status(201).json({
      user: view(user),
      ...(link && base && { link: { url: linkUrl(base, link.token), kind: link.kind, expiresAt: link.expiresAt } }),
    });
  });

  r.patch('/api/users/:id', async (req, res) => {
    const { id } = idParam.parse(req.params);
    const body = patchBody.parse(req.body);
    res.json({ user: view(await users.update(actor(req), id, body)) });
  });

  r.post('/api/users/:id/deactivate', async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.json({ user: view(await users.deactivate(actor(req), id)) });
  });

  r.post('/api/users/:id/reactivate', async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.json({ user: view(await users.reactivate(actor(req), id)) });
  });

  r.post('/api/users/:id/password', async (req, res) => {
    const { id } = idParam.parse(req.params);
    const { password } = passwordBody.parse(req.body);
    await users.setPassword(actor(req), id, password);
    res.status(204).end();
  });

  r.post('/api/users/:id/link', async (req, res) => {
    const { id } = idParam.parse(req.params);
    const base = linkBase(req, opts);
    if (!base) {
      res.status(409).json(noBase);
      return;
    }
    const link = await users.issueLink(actor(req), id);
    res.status(201).json({ url: linkUrl(base, link.token), kind: link.kind, expiresAt: link.expiresAt });
  });

  r.post('/api/users/:id/totp/reset', async (req, res) => {
    const { id } = idParam.parse(req.params);
    const removed = await users.resetTotp(actor(req), id);
    res.json({ removed });
  });

  r.post('/api/users/:id/unlock', async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.json(await opts.locks.unlock(actor(req), id));
  });

  return r;
}
