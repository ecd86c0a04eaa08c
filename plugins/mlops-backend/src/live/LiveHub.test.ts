import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  type MlopsSseMessage,
  MlopsSseParser,
  readMlopsCoordinates,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsObjectEvent } from '@backstage-mlops/plugin-mlops-node';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { aBuild, aPipelineRun, condition } from '../mappers/testFixtures';
import type { ModelTarget } from '../services/ModelAccess';
import { ValidationErrorCategories } from '../services/ValidationErrorCategories';
import { InMemoryObjectStore } from '../testing/InMemoryObjectStore';
import { LiveChangeMapper } from './LiveChangeMapper';
import { LiveHub } from './LiveHub';
import type { LiveLimits } from './readLiveLimits';

class EmittingStore extends InMemoryObjectStore {
  listeners = new Set<(event: MlopsObjectEvent) => void>();
  subscribe(listener: (event: MlopsObjectEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: MlopsObjectEvent) {
    this.listeners.forEach(l => l(event));
  }
}

function target(name: string): ModelTarget {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'mlops.backstage.io/namespace': 'mlops-demo',
        'mlops.backstage.io/model-name': 'anomaly-detector',
        'mlops.backstage.io/build-config': 'anomaly-detector-notebook',
      },
    },
    spec: { type: 'ml-model', owner: 't', lifecycle: 'production' },
  };
  const result = readMlopsCoordinates(entity);
  if (!result.ok) throw new Error('bad fixture');
  return {
    entity,
    entityRef: `component:default/${name}`,
    coordinates: result.coordinates,
    cluster: {
      name: 'dev',
      url: 'https://dev',
      authProvider: 'serviceAccount',
    },
  };
}

const LIMITS: LiveLimits = {
  maxConnections: 500,
  maxConnectionsPerUser: 500,
  maxEntitiesPerStream: 10,
  heartbeatMs: 60_000,
  maxStreamMs: 60_000,
  retryMs: 1000,
  replayEvents: 3,
  maxBacklogBytes: 1024 * 1024,
};

function runEvent(name: string, status = 'Unknown'): MlopsObjectEvent {
  return {
    cluster: 'dev',
    kind: 'pipelineruns',
    type: 'MODIFIED',
    object: aPipelineRun(name, {
      succeeded: condition('Succeeded', status, 'Running'),
    }),
  };
}

describe('LiveHub', () => {
  let server: Server;
  let baseUrl: string;
  let hub: LiveHub;
  let store: EmittingStore;
  let mapper: LiveChangeMapper;
  const targets = new Map<string, ModelTarget>();
  const controllers: AbortController[] = [];

  function start(limits: Partial<LiveLimits> = {}) {
    store = new EmittingStore();
    mapper = LiveChangeMapper.create({
      store,
      validationCategories: ValidationErrorCategories.create({
        logger: mockServices.logger.mock(),
        readPodLog: async () => '',
      }),
    });
    hub = LiveHub.create({
      store,
      mapper,
      logger: mockServices.logger.mock(),
      limits: { ...LIMITS, ...limits },
    });
    hub.start();
    const app = express();
    app.get('/live', (req, res) => {
      try {
        hub.open(res, {
          principal: 'user:default/me',
          targets: String(req.query.entity)
            .split(',')
            .map(n => targets.get(n) ?? target(n)),
          lastEventId: req.header('last-event-id'),
        });
      } catch (error) {
        res.status(503).send(String(error));
      }
    });
    return new Promise<void>(resolve => {
      server = app.listen(0, () => {
        baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        resolve();
      });
    });
  }

  async function open(entities: string, lastEventId?: string) {
    const controller = new AbortController();
    controllers.push(controller);
    const res = await fetch(`${baseUrl}/live?entity=${entities}`, {
      signal: controller.signal,
      headers: lastEventId ? { 'last-event-id': lastEventId } : {},
    });
    const messages: MlopsSseMessage[] = [];
    const parser = new MlopsSseParser(m => messages.push(m));
    (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          parser.push(decoder.decode(chunk));
        }
      } catch {
        // aborted
      }
    })();
    return { res, messages, parser, close: () => controller.abort() };
  }

  async function until(probe: () => boolean, what: string) {
    const deadline = Date.now() + 3000;
    while (!probe()) {
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
      await new Promise(r => setTimeout(r, 5));
    }
  }

  afterEach(async () => {
    controllers.splice(0).forEach(c => c.abort());
    hub.stop();
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  it('maps a change once per entity however many streams watch it', async () => {
    await start();
    const map = jest.spyOn(mapper, 'map');
    const streams = await Promise.all(
      Array.from({ length: 50 }, () => open('a')),
    );
    await until(
      () => streams.every(s => s.messages.some(m => m.event === 'ready')),
      'ready',
    );
    store.emit(runEvent('run-1'));
    await until(
      () => streams.every(s => s.messages.some(m => m.event === 'change')),
      'changes',
    );
    expect(map).toHaveBeenCalledTimes(1);
    const change = JSON.parse(
      streams[0].messages.find(m => m.event === 'change')!.data,
    );
    expect(change).toMatchObject({
      type: 'pipelineRun',
      change: 'upsert',
      name: 'run-1',
      item: { status: 'Running' },
    });
    // Objects of other entities are not sent.
    store.emit({
      cluster: 'dev',
      kind: 'builds',
      type: 'ADDED',
      object: aBuild('other-bc', 1),
    });
    store.emit({
      cluster: 'dev',
      kind: 'builds',
      type: 'DELETED',
      object: aBuild('anomaly-detector-notebook', 7),
    });
    store.emit(runEvent('run-2'));
    await until(
      () => streams[0].messages.filter(m => m.event === 'change').length === 3,
      'more changes',
    );
    expect(
      streams[0].messages
        .filter(m => m.event === 'change')
        .map(m => JSON.parse(m.data))
        .map(c => `${c.type} ${c.change} ${c.name}`),
    ).toEqual([
      'pipelineRun upsert run-1',
      'build delete anomaly-detector-notebook-7',
      'pipelineRun upsert run-2',
    ]);
  });

  it('removes a stream when its client goes away, even before it was registered', async () => {
    await start({ maxConnectionsPerUser: 2 });
    const a = await open('a');
    const b = await open('a');
    await until(() => hub.connectionCount === 2, 'two streams');
    expect((await open('a')).res.status).toBe(503);
    a.close();
    b.close();
    await until(() => hub.connectionCount === 0, 'no streams');
    const c = await open('a');
    expect(c.res.status).toBe(200);
    // Opened and gone at once.
    const d = await open('a');
    d.close();
    await until(() => hub.connectionCount === 1, 'one stream');
    expect((await open('a')).res.status).toBe(200);
  });

  it('replays what a resuming client missed, and asks for a resync past the kept window', async () => {
    await start({ replayEvents: 3 });
    const first = await open('a');
    await until(() => first.messages.some(m => m.event === 'ready'), 'ready');
    store.emit(runEvent('run-1'));
    await until(
      () => first.parser.lastEventId !== undefined && first.messages.length > 1,
      'run-1',
    );
    const resumeFrom = first.parser.lastEventId!;
    first.close();
    store.emit(runEvent('run-2'));
    store.emit(runEvent('run-3', 'True'));
    await until(() => hub.connectionCount === 0, 'closed');

    const resumed = await open('a', resumeFrom);
    await until(
      () => resumed.messages.filter(m => m.event === 'change').length === 2,
      'replay',
    );
    expect(JSON.parse(resumed.messages[0].data).resumed).toBe(true);
    expect(
      resumed.messages
        .filter(m => m.event === 'change')
        .map(m => JSON.parse(m.data).item.status),
    ).toEqual(['Running', 'Succeeded']);

    for (let i = 4; i < 10; i++) store.emit(runEvent(`run-${i}`));
    const stale = await open('a', resumeFrom);
    await until(() => stale.messages.some(m => m.event === 'resync'), 'resync');
    expect(
      JSON.parse(stale.messages.find(m => m.event === 'resync')!.data),
    ).toEqual({
      reason: 'resume-point-too-old',
    });
  });
  it('moves a quiet client’s resume point on with the heartbeats', async () => {
    await start({ heartbeatMs: 20 });
    const quiet = await open('a');
    await until(() => quiet.messages.some(m => m.event === 'ready'), 'ready');
    const readyId = quiet.parser.lastEventId;
    // Changes of other models only: nothing is sent to this stream.
    for (let i = 0; i < 5; i++) {
      store.emit({
        cluster: 'dev',
        kind: 'builds',
        type: 'ADDED',
        object: aBuild('other-bc', i),
      });
    }
    await until(() => quiet.parser.lastEventId !== readyId, 'a newer id');
    expect(quiet.messages.filter(m => m.event === 'change')).toEqual([]);
    const resumeFrom = quiet.parser.lastEventId!;
    expect(Number(resumeFrom.split('.')[1])).toBe(5);
    quiet.close();
    // Far more changes than are kept happened before; it still resumes.
    const again = await open('a', resumeFrom);
    await until(() => again.messages.some(m => m.event === 'ready'), 'ready');
    expect(JSON.parse(again.messages[0].data).resumed).toBe(true);
  });
});
