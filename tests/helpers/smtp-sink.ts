import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps what it receives.
 * `refuse` makes it answer the next deliveries with a permanent 550.
 */
export async function startSmtpSink(opts: { auth?: { user: string; pass: string } } = {}) {
  const received: ReceivedMail[] = [];
  const waiters: ((m: ReceivedMail) => void)[] = [];
  const state = { refuse: 0, down: false, denyAuth: false };
  const server = new SMTPServer({
    authOptional: !opts.auth,
    disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    logger: false,
    // "Down": every connection is greeted with 421 and closed (the server refuses to serve).
    onConnect(_session, cb) {
      if (!state.down) return cb();
      const err = new Error('4.3.2 service not available') as Error & { responseCode: number };
      err.responseCode = 421;
      cb(err);
    },
    onAuth(auth, _session, cb) {
      if (!state.denyAuth && auth.username === opts.auth?.user && auth.password === opts.auth?.pass) {
        return cb(null, { user: auth.username });
      }
      const err = new Error('5.7.8 authentication credentials invalid') as Error & { responseCode: number };
      err.responseCode = 535;
      cb(err);
    },
    onRcptTo(_address, _session, cb) {
      if (state.refuse > 0) {
        state.refuse--;
        const err = new Error('5.1.1 mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        cb(err);
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        const mail: ReceivedMail = {
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          raw,
          parsed: await simpleParser(raw),
        };
        received.push(mail);
        for (const w of waiters.splice(0)) w(mail);
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}?tls=off`,
    received,
    refuseNext(n = 1) {
      state.refuse = n;
    },
    /** While true, every connection is refused with 421 at the greeting. */
    setDown(down: boolean) {
      state.down = down;
    },
    /** While true, every sign-in is refused with 535 (needs the `auth` option). */
    setDenyAuth(deny: boolean) {
      state.denyAuth = deny;
    },
    /** smtp://user:pass@… when started with `auth`. */
    authUrl: opts.auth
      ? `smtp://${encodeURIComponent(opts.auth.user)}:${encodeURIComponent(opts.auth.pass)}@127.0.0.1:${port}?tls=off`
      : null,
    /** The next mail matching the predicate (already received ones count). */
    next(pred: (m: ReceivedMail) => boolean = () => true, timeoutMs = 10_000): Promise<ReceivedMail> {
      const have = received.find(pred);
      if (have) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching mail received')), timeoutMs);
        const check = (m: ReceivedMail) => {
          if (!pred(m)) {
            waiters.push(check);
            return;
          }
          clearTimeout(timer);
          resolve(m);
        };
        waiters.push(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
