import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { type Kontakt, startKontakt } from '../../src/kontakt.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { eventually, nextEvent, seedUser, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

const TOKEN = 'metrics-scrape-token-0123456789abcdef';
const COUNSELOR = { email: 'savetnik@test.kontakt', password: 'savetnik lozinka 12' };

/** The value of one sample line, e.g. `kontakt_ingest_total{channel="web_form",outcome="applied"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics (Prometheus)', () => {
  let t: TestKontakt;
  const scrape = (auth = `Bearer ${TOKEN}`) => t.api('/metrics', { headers: { authorization: auth } });

  beforeAll(async () => {
    t = await startTestKontakt('postgres', { METRICS_TOKEN: TOKEN, REPORT_RATE_LIMIT: '1000' });
    await seedUser(t, COUNSELOR.email, 'counselor', COUNSELOR.password, 'Savetnik');
  });
  afterAll(async () => t?.cleanup());

  it('refuses a scrape without the token or an admin session', async () => {
    const none = await t.api('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.text()).not.toContain('kontakt_');
    expect((await scrape('Bearer wrong-token-wrong-token-wrong-token')).status).toBe(401);
    expect((await scrape(TOKEN)).status).toBe(401);
    const counselor = await t.login(COUNSELOR.email, COUNSELOR.password);
    expect((await t.api('/metrics', { cookie: counselor })).status).toBe(403);
    const admin = await t.login();
    const asAdmin = await t.api('/metrics', { cookie: admin });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('counts an applied report per channel, with its latency, queue depths, sockets and health', async () => {
    const cookie = await t.login();
    const socket = await t.socket(cookie);
    const created = nextEvent(socket, 'message:created');
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'Neko mi šalje pretnje preko interneta.', kind: 'help', language: 'sr-Latn' },
    });
    expect(res.status).toBe(202);
    await created;

    // The counter is bumped right after commit, before the next job: poll, there is no event for it.
    const text = await eventually(async () => {
      const body = await (await scrape()).text();
      return sample(body, 'kontakt_ingest_total{channel="web_form",outcome="applied"}') === 1 ? body : null;
    });
    expect(sample(text, 'kontakt_ingest_latency_seconds_count{channel="web_form"}')).toBe(1);
    expect(sample(text, 'kontakt_ingest_latency_seconds_sum{channel="web_form"}')).toBeGreaterThan(0);
    for (const queue of ['inbound', 'outbound', 'referrals', 'retention'])
      for (const state of ['waiting', 'active', 'delayed', 'failed'])
        expect(sample(text, `kontakt_queue_jobs{queue="${queue}",state="${state}"}`)).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'kontakt_socket_connections')).toBe(1);
    // ROLE=all with one report: intake never pressed the worker.
    expect(sample(text, 'kontakt_intake_first_restrained_seconds_total')).toBe(0);
    expect(sample(text, 'kontakt_health_up{probe="database"}')).toBe(1);
    expect(sample(text, 'kontakt_health_up{probe="redis"}')).toBe(1);
    expect(
      sample(text, 'kontakt_http_request_duration_seconds_count{method="POST",route="/api/reports",status="202"}'),
    ).toBe(1);
    expect(sample(text, 'kontakt_process_resident_memory_bytes')).toBeGreaterThan(0);
    // Route patterns, never raw paths: no id may become a label value.
    expect(text).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}/);
  });
});

describe('GET /metrics on a worker-only node (METRICS_PORT)', () => {
  let api: TestKontakt;
  let worker: Kontakt;

  beforeAll(async () => {
    api = await startTestKontakt('postgres', { ROLE: 'api', METRICS_TOKEN: TOKEN });
    const config = loadConfig({ ...api.env, ROLE: 'worker', METRICS_PORT: '0' });
    worker = await startKontakt(config, createLogger(config.LOG_LEVEL), { ...api.env, ROLE: 'worker' });
  });
  afterAll(async () => {
    await worker?.stop();
    await api?.cleanup();
  });

  it('serves the ingest counters observed where the job ran, behind the same token', async () => {
    expect(worker.url).toBeNull();
    const url = worker.metricsUrl as string;
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const res = await api.api('/api/reports', {
      method: 'POST',
      json: { description: 'Prijava preko api čvora.', kind: 'help', language: 'sr-Latn' },
    });
    expect(res.status).toBe(202);
    const text = await eventually(async () => {
      const body = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      return sample(body, 'kontakt_ingest_total{channel="web_form",outcome="applied"}') === 1 ? body : null;
    });
    expect(sample(text, 'kontakt_queue_jobs{queue="inbound",state="failed"}')).toBe(0);
    // The api node took the report but applied nothing itself.
    const onApi = await (await api.api('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(sample(onApi, 'kontakt_ingest_total{channel="web_form",outcome="applied"}')).toBeUndefined();
    expect((await fetch(`${url}/api/cases`)).status).toBe(404);
  });
});
