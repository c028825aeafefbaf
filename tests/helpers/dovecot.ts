import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './free-port.ts';

/**
 * A real Dovecot IMAP server for one test file: its own config, users and maildirs in a temp
 * directory, listening on a free loopback port, plaintext auth (loopback only, no TLS).
 */
export interface Dovecot {
  port: number;
  configPath: string;
  imapUrl(user: string, password?: string, folder?: string): string;
  addUser(user: string, password?: string): void;
  append(user: string, raw: string | Buffer, folder?: string, flags?: string[]): Promise<void>;
  /** Drop many messages straight into the user's INBOX maildir (as delivery does), for big mailboxes. */
  fillMaildir(user: string, raws: Buffer[]): void;
  /** Drop every IMAP connection of this user, as a network cut or a server restart would. */
  kick(user: string): void;
  /** Make the mailbox report a new UIDVALIDITY (as after a server-side rebuild). */
  changeUidValidity(user: string, folder?: string): void;
  /** UIDs of messages with the \Seen flag, and all UIDs, seen from a fresh session. */
  status(user: string, folder?: string): Promise<{ all: number[]; seen: number[] }>;
  stop(): Promise<void>;
}

export const DOVECOT_BIN = process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';
export const DEFAULT_PASSWORD = 'lozinka-za-test';

const waitForPort = async (port: number, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1');
      c.once('connect', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

export async function startDovecot(): Promise<Dovecot> {
  if (!fs.existsSync(DOVECOT_BIN)) throw new Error(`${DOVECOT_BIN} missing: apt-get install dovecot-imapd`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-dovecot-'));
  // Mail is stored as the unprivileged dovecot user: Dovecot refuses to run mail processes as root.
  const mailUser = 'dovecot';
  const uid = Number(execFileSync('id', ['-u', mailUser]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', mailUser]).toString().trim());
  const port = await freePort();
  const usersFile = path.join(dir, 'users');
  fs.writeFileSync(usersFile, '');
  fs.mkdirSync(path.join(dir, 'home'));
  fs.chownSync(path.join(dir, 'home'), uid, gid);
  fs.chmodSync(dir, 0o755);
  const configPath = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    configPath,
    `
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = kontakt-test-${port}
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = ${uid}
last_valid_uid = ${uid}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${usersFile}
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT_BIN, ['-F', '-c', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  try {
    await waitForPort(port);
  } catch (err) {
    child.kill('SIGKILL');
    const log = fs.existsSync(path.join(dir, 'dovecot.log'))
      ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8')
      : '';
    throw new Error(`${(err as Error).message}: ${stderr} ${log}`);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const client = async (user: string) => {
    const c = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user, pass: passwords.get(user) ?? DEFAULT_PASSWORD },
      logger: false,
    });
    c.on('error', () => {});
    await c.connect();
    return c;
  };
  const passwords = new Map<string, string>();
  const doveadm = (...args: string[]) => execFileSync('doveadm', ['-c', configPath, ...args], { stdio: 'pipe' });

  return {
    port,
    configPath,
    imapUrl: (user, password = passwords.get(user) ?? DEFAULT_PASSWORD, folder = 'INBOX') =>
      `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(folder)}`,
    addUser(user, password = DEFAULT_PASSWORD) {
      passwords.set(user, password);
      fs.appendFileSync(usersFile, `${user}:{PLAIN}${password}\n`);
    },
    async append(user, raw, folder = 'INBOX', flags = []) {
      const c = await client(user);
      try {
        await c.append(folder, raw, flags);
      } finally {
        await c.logout().catch(() => {});
      }
    },
    fillMaildir(user, raws) {
      const root = path.join(dir, 'home', user, 'Maildir');
      for (const sub of ['', 'cur', 'new', 'tmp']) {
        fs.mkdirSync(path.join(root, sub), { recursive: true });
        fs.chownSync(path.join(root, sub), uid, gid);
      }
      fs.chownSync(path.join(dir, 'home', user), uid, gid);
      const stamp = Math.floor(Date.now() / 1000);
      raws.forEach((raw, i) => {
        // Maildir delivery: written and owned in tmp/, then renamed into new/ whole. Dovecot may
        // move a file out of new/ the moment it appears, so nothing touches it there.
        const name = `${stamp}.M${i}P${process.pid}.kontakt-test`;
        const tmp = path.join(root, 'tmp', name);
        fs.writeFileSync(tmp, raw);
        fs.chownSync(tmp, uid, gid);
        fs.renameSync(tmp, path.join(root, 'new', name));
      });
    },
    kick(user) {
      try {
        doveadm('kick', user);
      } catch (err) {
        // doveadm exits non-zero when there was no connection to kick.
        const out = String((err as { stderr?: Buffer }).stderr ?? '');
        if (!/no users|not found|0 connections/i.test(out) && (err as { status?: number }).status !== 68) throw err;
      }
    },
    changeUidValidity(user, folder = 'INBOX') {
      const next = Math.floor(Date.now() / 1000) + Math.floor(Math.random() * 1000) + 1;
      doveadm('mailbox', 'update', '-u', user, '--uid-validity', String(next), folder);
    },
    async status(user, folder = 'INBOX') {
      const c = await client(user);
      try {
        const lock = await c.getMailboxLock(folder);
        try {
          const all = ((await c.search({ all: true }, { uid: true })) || []) as number[];
          const seen = ((await c.search({ seen: true }, { uid: true })) || []) as number[];
          return { all, seen };
        } finally {
          lock.release();
        }
      } finally {
        await c.logout().catch(() => {});
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
