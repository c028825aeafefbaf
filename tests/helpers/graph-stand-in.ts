import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Meta's Graph API (graph.facebook.com): the Send API
 * (POST /{version}/{page-id}/messages) and the user profile lookup (GET /{version}/{psid}?fields=…),
 * with Meta's answer and error shapes. It records every call, checks the appsecret_proof like
 * Meta does when "Require App Secret" is on, and can be told to fail the next calls.
 */

export interface SendCall {
  version: string;
  pageId: string;
  token: string | null;
  body: {
    recipient: { id: string };
    messaging_type: string;
    tag?: string;
    message: { text?: string; attachment?: { type: string; payload: { url: string } } };
  };
  messageId: string | null;
}

export interface ProfileCall {
  userId: string;
  fields: string;
  token: string | null;
}

export interface MetaErrorSpec {
  status: number;
  code: number;
  subcode?: number;
  type: string;
  message: string;
  transient?: boolean;
}

/** Error bodies as Meta sends them (messages from Meta's error reference). */
export const META_ERRORS = {
  tokenExpired: {
    status: 400,
    code: 190,
    subcode: 463,
    type: 'OAuthException',
    message: 'Error validating access token: Session has expired on Friday, 27-Nov-26 10:00:00 PST.',
  },
  appRateLimit: { status: 400, code: 4, type: 'OAuthException', message: '(#4) Application request limit reached' },
  pageRateLimit: { status: 400, code: 32, type: 'OAuthException', message: '(#32) Page request limit reached' },
  apiRateLimit: {
    status: 400,
    code: 613,
    type: 'OAuthException',
    message: '(#613) Calls to this api have exceeded the rate limit.',
  },
  outsideWindow: {
    status: 400,
    code: 10,
    subcode: 2018278,
    type: 'OAuthException',
    message: '(#10) This message is sent outside of allowed window.',
  },
  unexpected: {
    status: 500,
    code: 2,
    type: 'OAuthException',
    message: 'An unexpected error has occurred. Please retry your request later.',
    transient: true,
  },
  tempSendFailure: {
    status: 500,
    code: 1200,
    type: 'OAuthException',
    message: '(#1200) Temporary send message failure. Please try again later',
  },
  personUnavailable: {
    status: 400,
    code: 551,
    subcode: 1545041,
    type: 'OAuthException',
    message: "(#551) This person isn't available right now.",
  },
  profileUnavailable: {
    status: 400,
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message:
      "Unsupported get request. Object with ID '1' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
  },
} satisfies Record<string, MetaErrorSpec>;

export interface GraphStandIn {
  url: string;
  sends: SendCall[];
  profiles: ProfileCall[];
  /** Any other request (a media URL fetched, an unknown path): must stay empty. */
  other: string[];
  /** The next Send API calls answer these errors, in order; later ones succeed again. */
  failSends(...errors: MetaErrorSpec[]): void;
  failProfiles(...errors: MetaErrorSpec[]): void;
  setProfile(userId: string, fields: Record<string, string>): void;
  /** Runs before a successful send is answered (with the message id it will answer): races an echo. */
  beforeSendAnswer: ((call: SendCall) => Promise<void>) | null;
  /** A URL on the stand-in, for attachment links that must never be fetched. */
  mediaUrl(name: string): string;
  close(): Promise<void>;
}

const proofFor = (token: string, secret: string) => createHmac('sha256', secret).update(token).digest('hex');

function errorBody(e: MetaErrorSpec) {
  return {
    error: {
      message: e.message,
      type: e.type,
      code: e.code,
      ...(e.subcode !== undefined && { error_subcode: e.subcode }),
      ...(e.transient && { is_transient: true }),
      fbtrace_id: `A${randomBytes(8).toString('base64url')}`,
    },
  };
}

export async function startGraphStandIn(opts: { appSecret: string }): Promise<GraphStandIn> {
  const sendFailures: MetaErrorSpec[] = [];
  const profileFailures: MetaErrorSpec[] = [];
  const profiles = new Map<string, Record<string, string>>();
  let counter = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, Buffer.concat(chunks).toString('utf8'), res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
  });

  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };

  async function handle(req: http.IncomingMessage, raw: string, res: http.ServerResponse) {
    const u = new URL(req.url ?? '/', 'http://stand-in');
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : u.searchParams.get('access_token');
    const proof = u.searchParams.get('appsecret_proof');
    const send = /^\/(v\d+\.\d+)\/(\d+)\/messages$/.exec(u.pathname);
    const profile = /^\/(v\d+\.\d+)\/(\d+)$/.exec(u.pathname);
    if ((!send || req.method !== 'POST') && (!profile || req.method !== 'GET')) {
      stand.other.push(`${req.method} ${u.pathname}`);
      answer(res, 404, errorBody({ status: 404, code: 803, type: 'OAuthException', message: 'Unknown path' }));
      return;
    }
    if (!token || proof !== proofFor(token, opts.appSecret)) {
      answer(
        res,
        400,
        errorBody({
          status: 400,
          code: 100,
          type: 'GraphMethodException',
          message: 'Invalid appsecret_proof provided in the API argument',
        }),
      );
      return;
    }
    if (send?.[1] && send[2]) {
      const call: SendCall = { version: send[1], pageId: send[2], token, body: JSON.parse(raw), messageId: null };
      stand.sends.push(call);
      const failure = sendFailures.shift();
      if (failure) {
        answer(res, failure.status, errorBody(failure));
        return;
      }
      counter += 1;
      call.messageId = `m_${randomBytes(12).toString('base64url')}${counter}`;
      if (stand.beforeSendAnswer) await stand.beforeSendAnswer(call);
      answer(res, 200, { recipient_id: call.body.recipient.id, message_id: call.messageId });
      return;
    }
    if (profile?.[2]) {
      const userId = profile[2];
      stand.profiles.push({ userId, fields: u.searchParams.get('fields') ?? '', token });
      const failure = profileFailures.shift();
      if (failure) {
        answer(res, failure.status, errorBody(failure));
        return;
      }
      const known = profiles.get(userId);
      if (!known) {
        answer(res, 400, errorBody(META_ERRORS.profileUnavailable));
        return;
      }
      const wanted = (u.searchParams.get('fields') ?? '').split(',');
      answer(res, 200, {
        ...Object.fromEntries(wanted.filter((f) => f in known).map((f) => [f, known[f]])),
        id: userId,
      });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const stand: GraphStandIn = {
    url,
    sends: [],
    profiles: [],
    other: [],
    failSends: (...e) => void sendFailures.push(...e),
    failProfiles: (...e) => void profileFailures.push(...e),
    setProfile: (id, fields) => void profiles.set(id, fields),
    beforeSendAnswer: null,
    mediaUrl: (name) => `${url}/media/${encodeURIComponent(name)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return stand;
}
