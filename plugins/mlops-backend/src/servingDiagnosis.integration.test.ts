import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  MlopsServingDiagnosisResponse,
  MlopsServingEvent,
} from '@backstage-mlops/plugin-mlops-common';
import { DevCluster } from '@backstage-mlops/dev-cluster';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import {
  DEMO_NS,
  demoModel,
  devClusterAccess,
} from './__testUtils__/devClusterBackend';
import { mlopsPlugin } from './plugin';

// The serving diagnosis on the executing dev cluster: an InferenceService whose model
// file is corrupt. MLServer (the seeded mlserver-runtime, OpenShift AI's template) runs
// for real, fails to load the model and exits; the kubelet-like restarts with back-off
// show as the predictor pod's CrashLoopBackOff, its restarts and last termination, the
// BackOff Events, and the progress step "Model server crashed"; the pod's log is
// readable through the entity.

const MODEL = `diag-broken-${Date.now().toString(36)}`;
const CLAIM = `${MODEL}-models`;
const PATH = `/api/mlops/entity/component/default/${MODEL}/health/diagnosis`;

let cluster: DevCluster;
let python = false;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  python =
    Boolean(cluster.state.platformDir) && (await DevCluster.pythonAvailable());
});

afterAll(async () => {
  if (!python) return;
  await cluster
    .kubeConfig('admin')
    .makeApiClient(CustomObjectsApi)
    .deleteNamespacedCustomObject({
      group: 'serving.kserve.io',
      version: 'v1beta1',
      namespace: DEMO_NS,
      plural: 'inferenceservices',
      name: MODEL,
    })
    .catch(() => undefined);
});

async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise(r => setTimeout(r, 500));
  }
}

describe('serving diagnosis on the executing dev cluster', () => {
  it('shows a predictor whose model cannot load: CrashLoopBackOff, restarts, BackOff events, the crashed step and its log', async () => {
    if (!python) {
      // eslint-disable-next-line no-console
      console.warn('no Python environment for model servers: skipped');
      return;
    }
    const admin = cluster.kubeConfig('admin');
    await admin.makeApiClient(CoreV1Api).createNamespacedPersistentVolumeClaim({
      namespace: DEMO_NS,
      body: {
        metadata: { name: CLAIM },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
        },
      },
    });
    const dir = join(
      cluster.state.platformDir!,
      'volumes',
      DEMO_NS,
      CLAIM,
      'model',
    );
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'model.pkl'), 'not a pickle');
    await admin.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: 'serving.kserve.io',
      version: 'v1beta1',
      namespace: DEMO_NS,
      plural: 'inferenceservices',
      body: {
        apiVersion: 'serving.kserve.io/v1beta1',
        kind: 'InferenceService',
        metadata: {
          name: MODEL,
          labels: { modelClass: 'mlserver_sklearn.SKLearnModel' },
          annotations: { 'serving.kserve.io/deploymentMode': 'RawDeployment' },
        },
        spec: {
          predictor: {
            model: {
              modelFormat: { name: 'sklearn', version: '1' },
              runtime: 'mlserver-runtime',
              storageUri: `pvc://${CLAIM}/model`,
            },
          },
        },
      },
    });

    const { server } = await startTestBackend({
      features: [
        mlopsPlugin,
        devClusterAccess(cluster),
        mockServices.rootConfig.factory({ data: {} }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        catalogServiceMock.factory({ entities: [demoModel(MODEL)] }),
      ],
    });

    const isBackOff = (e: MlopsServingEvent) =>
      e.type === 'Warning' && e.reason === 'BackOff';
    const diagnosis = await waitFor(
      async () => {
        const res = await request(server).get(PATH);
        expect(res.status).toBe(200);
        const body = res.body as MlopsServingDiagnosisResponse;
        return body.pods[0]?.restarts >= 1 && body.events.some(isBackOff)
          ? body
          : undefined;
      },
      240_000,
      'the crashing predictor in the diagnosis',
    );

    expect(diagnosis.inferenceService).toBe(MODEL);
    const [pod] = diagnosis.pods;
    expect(pod.name).toMatch(new RegExp(`^${MODEL}-predictor-`));
    expect(pod.component).toBe('predictor');
    // MLServer exits (with code 0) when its model does not load; the kubelet restarts it.
    expect(pod.lastTermination).toMatchObject({
      exitCode: expect.any(Number),
      reason: expect.stringMatching(/^(Completed|Error)$/),
      finishedAt: expect.any(String),
    });
    expect(diagnosis.events[0].type).toBe('Warning');
    expect(diagnosis.events.find(isBackOff)).toMatchObject({
      object: { kind: 'Pod', name: pod.name, container: 'kserve-container' },
      message: expect.stringContaining(
        `Back-off restarting failed container kserve-container in pod ${pod.name}`,
      ),
    });
    expect(diagnosis.events.map(e => e.reason)).toEqual(
      expect.arrayContaining(['Scheduled', 'Started']),
    );
    expect(diagnosis.progress.find(s => s.state === 'failed')).toMatchObject({
      label: expect.stringMatching(/^Model (server crashed|failed to load)$/),
    });

    const log = await request(server).get(
      `/api/mlops/entity/component/default/${MODEL}/serving-pods/${pod.name}/containers/kserve-container/log`,
    );
    expect(log.status).toBe(200);
    expect(log.text.length).toBeGreaterThan(0);
    // Another pod of the namespace is not the entity's.
    const other = await request(server).get(
      `/api/mlops/entity/component/default/${MODEL}/serving-pods/not-${pod.name}/containers/kserve-container/log`,
    );
    expect(other.status).toBe(404);
  }, 360_000);
});
