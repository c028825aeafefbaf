import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createDeadLettering, type JobAttempt } from '../../src/pipeline/dead-lettering.ts';
import type { DeadLetterInput } from '../../src/store/dead-letter.repository.ts';

class Permanent extends Error {
  override name = 'Permanent';
}

function setup() {
  const added: DeadLetterInput[] = [];
  const dl = createDeadLettering({
    queue: 'outbound',
    deadLetters: {
      add: async (input) => {
        added.push(input);
        return `dl-${added.length}`;
      },
    },
    isPermanent: (err) => err instanceof Permanent,
  });
  return { dl, added };
}

const job = (attemptsMade: number, attempts = 3): JobAttempt => ({
  name: 'send',
  id: 'job-1',
  data: { messageId: 'm1' },
  attemptsMade,
  opts: { attempts },
});

describe('dead-lettering: one wrapper for the workers’ final failure', () => {
  it('a failure with retries left is rethrown as it was, seen by the hook as not final, and nothing is dead-lettered', async () => {
    const { dl, added } = setup();
    const seen: [string, boolean][] = [];
    const err = new Error('timeout');
    await expect(
      dl.run(
        job(0),
        async () => {
          throw err;
        },
        async (reason, final) => {
          seen.push([reason, final]);
        },
      ),
    ).rejects.toBe(err);
    expect(added).toEqual([]);
    expect(seen).toEqual([['Error: timeout', false]]);
  });

  it('on the last attempt the job is dead-lettered with its data, then the hook runs, then BullMQ is told not to retry', async () => {
    const { dl, added } = setup();
    const order: string[] = [];
    const failed = dl.run(
      job(2),
      async () => {
        throw new Error('smtp 451');
      },
      async (reason, final) => {
        order.push(`hook ${reason} ${final} after ${added.length} dead letter(s)`);
      },
    );
    await expect(failed).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(failed).rejects.toThrow('smtp 451');
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      queue: 'outbound',
      jobName: 'send',
      jobId: 'job-1',
      inboundEventId: null,
      payload: { messageId: 'm1' },
      reason: 'Error: smtp 451',
      attempts: 3,
    });
    expect(order).toEqual(['hook Error: smtp 451 true after 1 dead letter(s)']);
  });

  it('a permanent failure is final on the first attempt', async () => {
    const { dl, added } = setup();
    await expect(
      dl.run(job(0), async () => {
        throw new Permanent('malformed payload');
      }),
    ).rejects.toBeInstanceOf(UnrecoverableError);
    expect(added.map((a) => [a.reason, a.attempts])).toEqual([['Permanent: malformed payload', 1]]);
  });

  it('a success passes its value through untouched', async () => {
    const { dl, added } = setup();
    await expect(dl.run(job(2), async () => 'sent')).resolves.toBe('sent');
    expect(added).toEqual([]);
  });

  it('an item of a group job is recorded with its own payload and event', async () => {
    const { dl, added } = setup();
    expect(dl.isFinal(new Error('x'), job(1))).toBe(false);
    expect(dl.isFinal(new Error('x'), job(2))).toBe(true);
    expect(dl.isFinal(new Permanent('x'), job(0))).toBe(true);
    await dl.record(job(0), 'bad envelope', { payload: { channel: 'email' }, inboundEventId: 'ev-1' });
    expect(added[0]).toMatchObject({ payload: { channel: 'email' }, inboundEventId: 'ev-1', attempts: 1 });
  });
});
