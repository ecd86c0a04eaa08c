import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  migrateMlopsDatabase,
  NOTIFICATIONS_TABLE,
} from '../database/migrations';
import { NotificationOutbox } from './NotificationOutbox';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const notification = {
  transitionKey: 'component:default/m|dev/pipelineruns/uid-1/failed',
  entityRef: 'component:default/m',
  topic: 'training-failed' as const,
  send: {
    recipients: { type: 'entity' as const, entityRef: 'component:default/m' },
    payload: { title: 'm: training run r1 failed' },
  },
};

async function setUp(send: NotificationService['send']) {
  const knex = await databases.init('SQLITE_3');
  await migrateMlopsDatabase(knex);
  const logger = mockServices.logger.mock();
  const make = () =>
    NotificationOutbox.create(knex, {
      notifications: { send },
      logger,
      maxAttempts: 2,
      retryMs: 1000,
      leaseMs: 60_000,
      retentionMs: 3600_000,
    });
  return { knex, logger, first: make(), second: make() };
}

describe('NotificationOutbox', () => {
  it('sends a transition once when two replicas submit it at once', async () => {
    const send = jest.fn(async () => {});
    const { first, second } = await setUp(send);
    const results = await Promise.all([
      first.submit(notification),
      second.submit(notification),
      first.submit(notification),
    ]);
    expect(results.sort()).toEqual([
      'already-claimed',
      'already-claimed',
      'sent',
    ]);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('retries a failed send when it is due, on whichever replica claims it', async () => {
    const send = jest
      .fn<Promise<void>, []>()
      .mockRejectedValueOnce(new Error('notifications backend is down'))
      .mockResolvedValue(undefined);
    const { knex, first, second } = await setUp(send);
    const t0 = Date.now();
    expect(await first.submit(notification, t0)).toBe('retrying');
    // Not due yet.
    expect(await second.sendDue(t0)).toBe(0);
    // Due: exactly one replica sends it.
    const later = t0 + 120_000;
    const sent = await Promise.all([
      first.sendDue(later),
      second.sendDue(later),
    ]);
    expect(sent.sort()).toEqual([0, 1]);
    expect(send).toHaveBeenCalledTimes(2);
    expect(await knex(NOTIFICATIONS_TABLE).select('state', 'attempts')).toEqual(
      [{ state: 'sent', attempts: 2 }],
    );
  });

  it('marks a notification failed and logs what it said after the last try', async () => {
    const send = jest.fn(async () => {
      throw new Error('notifications backend is down');
    });
    const { knex, logger, first } = await setUp(send);
    await first.submit(notification);
    await first.sendDue(Date.now() + 120_000);
    expect(send).toHaveBeenCalledTimes(2);
    expect(await knex(NOTIFICATIONS_TABLE).select('state')).toEqual([
      { state: 'failed' },
    ]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        'gave up sending the training-failed notification of component:default/m',
      ),
    );
    // Given up: not sent again.
    expect(await first.sendDue(Date.now() + 3600_000)).toBe(0);
  });
});
