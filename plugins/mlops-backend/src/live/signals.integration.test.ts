import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import type { SignalPayload } from '@backstage/plugin-signals-node';
import {
  MLOPS_ENTITY_CHANGED_CHANNEL,
  readMlopsEntityChangedSignal,
} from '@backstage-mlops/plugin-mlops-common';
import { DevCluster } from '@backstage-mlops/dev-cluster';
import {
  createTrainingRun,
  startDevClusterBackend,
  waitFor,
  waitUntilFresh,
} from '../__testUtils__/devClusterBackend';

// Live updates end to end up to the signals bus: the mlops backend on the shared dev
// cluster, with the signals service's default (upstream DefaultSignalsService, which
// publishes each signal on the events topic `signals`) over one in-memory events bus,
// read here as the signals backend reads it (backstage/backstage
// plugins/signals-backend/src/service/SignalManager.ts subscribes to that topic and
// sends `{ channel, message }` to the subscribed WebSockets). The WebSocket leg needs
// a newer test backend than @backstage/backend-test-utils 1.11 (its httpRouter has no
// addWebSocketHandler); the e2e spec live-status.spec.ts covers it in a browser. A run
// is created here and completed by the simulated Tekton controller; other suites
// share the cluster, so the assertions hold whatever else changes on it.

const ENTITY = 'component:default/anomaly-detector';

interface Received {
  at: number;
  signal: SignalPayload;
}

function signalsBus() {
  const bus = mockServices.events();
  const received: Received[] = [];
  void bus.subscribe({
    id: 'signals-backend-stand-in',
    topics: ['signals'],
    onEvent: async ({ eventPayload }) => {
      received.push({ at: Date.now(), signal: eventPayload as SignalPayload });
    },
  });
  const factory = createServiceFactory({
    service: eventsServiceRef,
    deps: {},
    factory: () => bus,
  });
  return { factory, received };
}

let cluster: DevCluster;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
});

describe('live updates through Backstage Signals on the dev cluster', () => {
  it('signals the entity whose run changed, with nothing but its ref, at most once a second, and the re-read shows the change', async () => {
    const { factory, received } = signalsBus();
    const { baseUrl } = await startDevClusterBackend({
      cluster,
      features: [factory],
    });
    await waitUntilFresh(baseUrl, 'anomaly-detector');
    // (The cache's first sync signals every entity once; only what follows counts.)
    const name = `signals-it-${Date.now()}`;
    const created = Date.now();
    await createTrainingRun(cluster, { name, model: 'anomaly-detector' });
    const ours = () =>
      received.filter(
        r =>
          r.at >= created &&
          r.signal.channel === MLOPS_ENTITY_CHANGED_CHANNEL &&
          readMlopsEntityChangedSignal(r.signal.message)?.entityRef === ENTITY,
      );

    // The first signal for the model, then the read the browser would make.
    const first = await waitFor(
      async () => ours()[0],
      30_000,
      `a signal for ${ENTITY}`,
    );
    const read = await fetch(
      `${baseUrl}/api/mlops/entity/component/default/anomaly-detector/training`,
    ).then(r => r.json());
    const shown = Date.now();
    expect(
      read.pipelineRuns.items.map((r: { name: string }) => r.name),
    ).toContain(name);

    // The run goes on to Succeeded; the last signal comes after its last change.
    await waitFor(
      async () => {
        const body = await fetch(
          `${baseUrl}/api/mlops/entity/component/default/anomaly-detector/training`,
        ).then(r => r.json());
        const run = body.pipelineRuns.items.find(
          (r: { name: string }) => r.name === name,
        );
        return run?.status === 'Succeeded' ? true : undefined;
      },
      60_000,
      `${name} Succeeded`,
    );
    const succeededSeen = Date.now();
    await waitFor(
      async () =>
        ours().some(r => r.at >= succeededSeen - 1000) ? true : undefined,
      5_000,
      'a signal after the run succeeded',
    );

    // Every signal is broadcast on the channel and carries an entity ref, nothing else.
    for (const r of received) {
      expect(r.signal.channel).toBe(MLOPS_ENTITY_CHANGED_CHANNEL);
      expect(r.signal.recipients).toEqual({ type: 'broadcast' });
      expect(Object.keys(r.signal.message)).toEqual(['entityRef']);
    }
    // Coalesced: at most one signal per entity per second (plus the first).
    const span = (Date.now() - created) / 1000;
    expect(ours().length).toBeLessThanOrEqual(Math.ceil(span) + 1);
    expect(ours().length).toBeGreaterThanOrEqual(2);

    // The figure for the notes (not a timed assertion).
    // eslint-disable-next-line no-console
    console.info(
      `live updates: created -> first signal ${
        first.at - created
      } ms, -> re-read showing the run ${shown - created} ms; ${
        ours().length
      } signals for ${ENTITY} over ${span.toFixed(1)} s`,
    );
  });
});
