import { type Request, Router } from 'express';
import { z } from 'zod';
import { ROLES } from '../../domain/taxonomy.ts';
import type { UserAdminService } from '../../domain/user-admin.service.ts';
import { requireRole } from '../session.ts';

export const newPassword = z.string().min(12, 'at least 12 characters').max(1024);
const idParam = z.object({ id: z.uuid() });
const name = z.string().trim().min(1).max(200);
const createBody = z
  .object({
    email: z.email().max(254),
    name,
    role: z.enum(ROLES),
    /** Absent: the user is invited by a one-time link and chooses their own. */
    password: newPassword.optional(),
  })
  .strict();
const patchBody = z
  .object({ role: z.enum(ROLES).optional(), name: name.optional() })
  .strict()
  .refine((b) => b.role !== undefined || b.name !== undefined, { message: 'nothing to change' });
const passwordBody = z.object({ password: newPassword }).strict();

/** Where one-time links point: PUBLIC_URL, or the address the admin reached us at. */
const linkUrl = (req: Request, publicUrl: string | undefined, token: string) =>
  `${(publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/+$/, '')}/#set-password=${token}`;

const view = (u: { id: string; email: string; name: string; role: string; active: boolean }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  active: u.active,
});

/** Admins only: accounts, roles, one-time links, and a lost second factor. */
export function usersRoutes(users: UserAdminService, opts: { publicUrl?: string }): Router {
  const r = Router();
  r.use('/api/users', requireRole('admin'));
  const actor = (req: Request) => ({ id: (req.user as { id: string }).id, ip: req.ip ?? null });

  r.get('/api/users', async (req, res) => {
    const items = await users.list(actor(req));
    res.json({ items });
  });

  r.post('/api/users', async (req, res) => {
    const body = createBody.parse(req.body);
    const { user, link } = await users.create(actor(req), body);
    res.status(201).json({
      user: view(user),
      ...(link && {
        link: { url: linkUrl(req, opts.publicUrl, link.token), kind: link.kind, expiresAt: link.expiresAt },
      }),
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
    const link = await users.issueLink(actor(req), id);
    res.status(201).json({ url: linkUrl(req, opts.publicUrl, link.token), kind: link.kind, expiresAt: link.expiresAt });
  });

  r.post('/api/users/:id/totp/reset', async (req, res) => {
    const { id } = idParam.parse(req.params);
    const removed = await users.resetTotp(actor(req), id);
    res.json({ removed });
  });

  return r;
}
