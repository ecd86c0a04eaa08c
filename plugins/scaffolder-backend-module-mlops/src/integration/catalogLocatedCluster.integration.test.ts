import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  MlopsModelHealthResponse,
  MlopsTrainingResponse,
} from '@backstage-mlops/plugin-mlops-common';
import {
  startKubectlProxy,
  type KubectlProxy,
} from '@backstage-mlops/dev-cluster';
import yaml from 'yaml';
import {
  adminClient,
  createMlserverRuntime,
  DevCluster,
  ensureNamespace,
} from './__testUtils__/devClusterActions';
import {
  asUser,
  finishedTask,
  startScaffolderBackend,
  type TestServer,
  waitFor,
} from './__testUtils__/scaffolderBackend';

// Issue 23's "done when": a cluster configured ONLY for the Kubernetes plugin, found by
// its `catalog` locator (a kubernetes-cluster Resource entity in the catalog), runs
// the New ML model template end to end (check, apply, first training run) and every
// tab of the new model reads from it. Nothing of the cluster's address is in
// mlops.clusters: only the scaffolder's identity, keyed by the Resource's name.
//
// The Resource's API server is a real `kubectl proxy` holding the backend
// ServiceAccount's kubeconfig, with the Kubernetes plugin's localKubectlProxy auth
// provider: the plugin's serviceAccount strategy needs a token the catalog locator
// cannot carry (it reads the pod's own token) and loads client-node with a dynamic
// import() that jest cannot run; the portal runs it (`./dev start`, e2e). The proxy
// adds its credentials only to requests without an Authorization header (client-go
// transport/round_trippers.go, bearerAuthRoundTripper), so the scaffolder's requests,
// which carry the scaffolder's token, act as the scaffolder.

const stamp = Date.now().toString(36);
const NS = `it-catalog-cluster-${stamp}`;
const CLUSTER = 'dev-from-catalog';
const OWNER = 'group:default/ml-platform-team';
const MODEL = `cat-located-${stamp}`;

let cluster: DevCluster;
let proxy: KubectlProxy;
let server: TestServer;
let stopBackend: (() => Promise<void>) | undefined;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  const admin = adminClient(cluster);
  // A namespace that allows nobody yet: the template claims it for the owner.
  await ensureNamespace(admin, NS, null);
  // What an admin does once per namespace (the project README).
  await createMlserverRuntime(admin, NS);
  proxy = await startKubectlProxy({
    kubeconfig: cluster.state.backendKubeconfig,
    port: 0,
  });
  const dir = mkdtempSync(join(tmpdir(), 'catalog-located-cluster-'));
  const resourceFile = join(dir, 'cluster.yaml');
  writeFileSync(
    resourceFile,
    yaml.stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: CLUSTER,
        annotations: {
          // The annotations of @backstage/plugin-kubernetes-common's catalog locator.
          'kubernetes.io/api-server': proxy.url,
          // Required by the locator; kubectl proxy itself speaks plain http.
          'kubernetes.io/api-server-certificate-authority':
            cluster.state.caData,
          'kubernetes.io/auth-provider': 'localKubectlProxy',
        },
      },
      spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
    }),
  );
  const publishDir = cluster.state.gitRoot ?? join(dir, 'published-repos');
  const backend = await startScaffolderBackend({
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'catalog',
          // The proxy listens on loopback, which the locator refuses unless allowed.
          dangerouslyAllowClusterUrls: ['127.0.0.1'],
        },
      ],
    },
    catalogFiles: [resourceFile],
    mlops: {
      clusters: [
        {
          name: CLUSTER,
          scaffolder: { serviceAccountToken: cluster.state.scaffolderToken },
        },
      ],
      scaffolder: {
        kubectlPath: await DevCluster.kubectlPath(),
        localPublish: {
          directory: publishDir,
          author: { name: 'E2E Test', email: 'e2e@example.test' },
        },
      },
    },
  });
  server = backend.server;
  stopBackend = () => backend.stop();
}, 180_000);

afterAll(async () => {
  await stopBackend?.();
  await proxy?.stop();
  await adminClient(cluster)
    .request({ method: 'DELETE', path: `/api/v1/namespaces/${NS}` })
    .catch(() => undefined);
});

describe('the New ML model template on a cluster found by the catalog locator', () => {
  it('offers the cluster, creates the project, trains it, and every tab reads it', async () => {
    // The clusters the backend knows (what the template's picker lists) come from
    // the Kubernetes plugin's catalog locator.
    const clusters = await waitFor(
      async () => {
        const res = await asUser(server).get('/api/mlops/clusters');
        return res.status === 200 &&
          res.body.clusters?.some((c: { name: string }) => c.name === CLUSTER)
          ? res.body.clusters
          : undefined;
      },
      60_000,
      `cluster ${CLUSTER} from the catalog`,
    );
    expect(clusters).toEqual([expect.objectContaining({ name: CLUSTER })]);

    const executes =
      cluster.state.execute && (await DevCluster.pythonAvailable());
    const created = await asUser(server).post('/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/ml-model',
      values: {
        name: MODEL,
        description: 'A model on a catalog-located cluster',
        owner: OWNER,
        framework: 'sklearn',
        gpu: false,
        cluster: CLUSTER,
        namespace: NS,
        schedule: '0 2 * * 0',
        dataSource: 'synthetic',
        publishTarget: 'local',
        sourceRepoUrl: executes
          ? `${cluster.state.gitServer}/${MODEL}`
          : 'https://git.example.com/e2e/catalog-located.git',
        startTraining: true,
      },
    });
    expect(created.status).toBe(201);
    const task = await finishedTask(server, created.body.id, 1_100_000);
    expect(task.messages.filter(m => /error|failed(?!: 0)/i.test(m))).toEqual(
      [],
    );
    expect(task.status).toBe('completed');
    expect(task.steps).toMatchObject({
      check: 'completed',
      'allow-owner': 'completed',
      apply: 'completed',
      train: 'completed',
    });
    const firstRun = task.output.links?.find(l =>
      l.title?.startsWith('First training run '),
    );
    expect(firstRun?.title).toMatch(
      new RegExp(`^First training run train-${MODEL}-\\S+ \\(Succeeded\\)$`),
    );
    const runName = firstRun!.title!.split(' ')[3];

    // The new model's entity names the catalog-located cluster.
    const entity = await waitFor(
      async () => {
        const res = await asUser(server).get(
          `/api/catalog/entities/by-name/component/default/${MODEL}`,
        );
        return res.status === 200 ? res.body : undefined;
      },
      60_000,
      `component:default/${MODEL} in the catalog`,
    );
    expect(entity.metadata.annotations).toMatchObject({
      'mlops.backstage.io/cluster': CLUSTER,
      'mlops.backstage.io/namespace': NS,
    });

    // Training tab: the first run, Succeeded, read through the Kubernetes plugin's
    // cluster and credential.
    const training = await waitFor(
      async () => {
        const res = await asUser(server).get(
          `/api/mlops/entity/component/default/${MODEL}/training`,
        );
        const body = res.body as MlopsTrainingResponse;
        return res.status === 200 &&
          body.pipelineRuns.items.some(r => r.name === runName)
          ? body
          : undefined;
      },
      60_000,
      `the Training tab data of ${MODEL}`,
    );
    expect(
      training.pipelineRuns.items.find(r => r.name === runName),
    ).toMatchObject({ status: 'Succeeded' });

    // Health tab: the InferenceService the first run promoted is Ready.
    const health = await waitFor(
      async () => {
        const res = await asUser(server).get(
          `/api/mlops/entity/component/default/${MODEL}/health`,
        );
        const body = res.body as MlopsModelHealthResponse;
        return res.status === 200 && body.inferenceServices.length > 0
          ? body
          : undefined;
      },
      60_000,
      `the Health tab data of ${MODEL}`,
    );
    expect(health.inferenceServices).toEqual([
      expect.objectContaining({ name: MODEL, ready: 'True' }),
    ]);

    // The ML Models page's row.
    const summary = await asUser(server).post('/api/mlops/summary', {
      entityRefs: [`component:default/${MODEL}`],
    });
    expect(summary.status).toBe(200);
    expect(summary.body.items[0]).toMatchObject({
      lastTraining: expect.objectContaining({ status: 'Succeeded' }),
    });
  });
});
