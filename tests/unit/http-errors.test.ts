import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/http/errors.ts';
import { BatcherFullError } from '../../src/pipeline/batcher.ts';

describe('HTTP error answers', () => {
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let base = '';
  beforeAll(async () => {
    const app = express();
    app.get('/busy', () => {
      throw new BatcherFullError(4000);
    });
    app.get('/boom', () => {
      throw new Error('secret internal detail');
    });
    app.use(errorHandler(pino({ level: 'silent' })));
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a full intake answers 503 with Retry-After, so a webhook sender retries', async () => {
    const res = await fetch(`${base}/busy`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({ error: 'busy' });
  });

  it('an unexpected error answers 500 without its message or stack', async () => {
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret');
    expect(text).not.toContain('at ');
  });
});
