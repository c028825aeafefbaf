import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MULTIPART_LIMITS } from '../../src/http/multipart-form.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

const BOUNDARY = 'kontakt-upload-limit';
const MB = 1024 * 1024;

interface RawResult {
  /** Status line and headers, then the body as far as it came. */
  response: string;
  /** Bytes of the body the client had written when the first byte of the answer arrived. */
  sentWhenAnswered: number;
  total: number;
  /** The server closed the connection after answering. */
  closed: boolean;
}

/**
 * Post a big multipart body over a raw socket, writing only as fast as the server reads (a
 * refused write waits for drain), and stop writing as soon as any answer arrives.
 */
async function rawPost(url: string, path: string, opts: { total: number; chunked: boolean }): Promise<RawResult> {
  const { hostname, port } = new URL(url);
  const preamble = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="description"\r\n\r\nPogledajte snimak.\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="evidence"; filename="snimak.mp4"\r\n` +
      'Content-Type: video/mp4\r\n\r\n',
  );
  const closing = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  const chunks = Math.ceil(opts.total / chunk.length);
  const total = preamble.length + chunks * chunk.length + closing.length;
  const sock = net.connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => sock.once('connect', resolve).once('error', reject));
  let response = '';
  let sent = 0;
  let sentWhenAnswered = -1;
  let closed = false;
  let done = false;
  const answered = new Promise<void>((resolve) => {
    sock.on('data', (d: Buffer) => {
      if (sentWhenAnswered < 0) sentWhenAnswered = sent;
      response += d.toString('latin1');
      done = true;
      resolve();
    });
  });
  const ended = new Promise<void>((resolve) => {
    sock.once('close', () => {
      closed = true;
      done = true;
      resolve();
    });
  });
  // The server may reset the connection once it has answered; that is not a test failure.
  sock.on('error', () => {});
  sock.write(
    [
      `POST ${path} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      `Content-Type: multipart/form-data; boundary=${BOUNDARY}`,
      opts.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${total}`,
      '',
      '',
    ].join('\r\n'),
  );
  const frame = (b: Buffer) =>
    opts.chunked ? Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]) : b;
  const write = async (b: Buffer) => {
    const ok = sock.write(frame(b));
    sent += b.length;
    // Only as fast as the server reads: a server that stops reading stops this client too.
    if (!ok) await Promise.race([new Promise((r) => sock.once('drain', r)), answered, ended]);
  };
  await write(preamble);
  for (let i = 0; i < chunks && !done; i++) await write(chunk);
  if (!done) {
    await write(closing);
    if (opts.chunked) sock.write('0\r\n\r\n');
  }
  await Promise.race([answered, ended]);
  await Promise.race([ended, new Promise((r) => setTimeout(r, 5_000))]);
  if (!closed) sock.destroy();
  return { response, sentWhenAnswered, total, closed };
}

describe('the public form refuses big uploads at the limit, without reading them to the end (pglite)', () => {
  let t: TestKontakt;
  beforeAll(async () => {
    t = await startTestKontakt('pglite', { REPORT_RATE_LIMIT: '1000' });
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('the limits are small enough for a form that takes no files', () => {
    expect(MULTIPART_LIMITS.bodyBytes).toBeLessThanOrEqual(2 * MB);
    expect(MULTIPART_LIMITS.fileBytes).toBeLessThan(MULTIPART_LIMITS.bodyBytes);
  });

  it('API: a 64 MB upload with an honest Content-Length is answered 413 before it is sent', async () => {
    const r = await rawPost(t.url, '/api/reports', { total: 64 * MB, chunked: false });
    expect(r.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.response.toLowerCase()).toContain('cache-control: no-store');
    const body = r.response.slice(r.response.indexOf('\r\n\r\n') + 4);
    expect(JSON.parse(body)).toMatchObject({ error: 'payload_too_large', message: expect.stringMatching(/\S/) });
    // Answered while the client still had most of its body to send, and the connection is closed.
    expect(r.sentWhenAnswered).toBeLessThan(16 * MB);
    expect(r.closed).toBe(true);
  });

  it('API: a chunked upload (no length given) is cut at the file limit with 413', async () => {
    const r = await rawPost(t.url, '/api/reports', { total: 64 * MB, chunked: true });
    expect(r.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.response).toContain('"error":"payload_too_large"');
    expect(r.sentWhenAnswered).toBeLessThan(16 * MB);
    expect(r.closed).toBe(true);
  });

  it('HTML form: a chunked upload is cut with a 413 page in the reporter language', async () => {
    const r = await rawPost(t.url, '/report?lang=en', { total: 64 * MB, chunked: true });
    expect(r.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.response).toContain('text/html');
    expect(r.response).toContain('too large');
    expect(r.sentWhenAnswered).toBeLessThan(16 * MB);
    expect(r.closed).toBe(true);
  });

  it('a small file is still refused by its field name (400), and a post without one is a report', async () => {
    const form = new FormData();
    form.set('description', 'Pogledajte ovo');
    form.set('evidence', new Blob([Buffer.alloc(10_000, 1)], { type: 'image/png' }), 'slika.png');
    const res = await fetch(`${t.url}/api/reports`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fields: { field: string; code: string }[] };
    expect(body.fields).toContainEqual(expect.objectContaining({ field: 'evidence', code: 'files_not_accepted' }));
    const plain = new FormData();
    plain.set('description', 'Samo tekst');
    expect((await fetch(`${t.url}/api/reports`, { method: 'POST', body: plain })).status).toBe(202);
  });

  it('too many parts is 413 too', async () => {
    const form = new FormData();
    form.set('description', 'Mnogo polja');
    for (let i = 0; i < MULTIPART_LIMITS.fields + 5; i++) form.append('urls', `https://example.com/${i}`);
    const res = await fetch(`${t.url}/api/reports`, { method: 'POST', body: form });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'payload_too_large' });
  });
});
