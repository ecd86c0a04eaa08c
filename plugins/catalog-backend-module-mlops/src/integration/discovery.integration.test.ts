import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { DevCluster } from '@backstage-mlops/dev-cluster';
import {
  mlopsEntityResolverServiceRef,
  type MlopsClusterClient,
  type MlopsEntityResolver,
} from '@backstage-mlops/plugin-mlops-node';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import catalogModuleMlops from '..';
import {
  adminClient,
  createInferenceService,
  createNamespace,
  createValidationJob,
  deleteInferenceService,
  deleteNamespace,
} from './clusterObjects';

// Discovery end to end: the real catalog backend with this module, the real
// mlops-node object store watching the shared dev cluster as the least-privilege
// backend ServiceAccount. Every test creates its own namespaces and objects.

const stamp = Date.now().toString(36);
const ns = (suffix: string) => `it-disc-${stamp}-${suffix}`;
const created: string[] = [];

let cluster: DevCluster;
let admin: MlopsClusterClient;

/** A module that hands the test mlops-node's entity resolver of the running backend. */
function resolverModule(onResolver: (resolver: MlopsEntityResolver) => void) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-entity-resolver',
    register({ registerInit }) {
      registerInit({
        deps: { entities: mlopsEntityResolverServiceRef },
        async init({ entities }) {
          onResolver(entities);
        },
      });
    },
  });
}

/**
 * The catalog with this module, reading `locations` (files); discovery starts
 * `initialDelaySeconds` after the start (the schedule's initial delay). `features`
 * are added to the backend.
 */
async function startCatalog(
  locations: string[],
  initialDelaySeconds = 1,
  features: Array<ReturnType<typeof resolverModule>> = [],
) {
  const { state } = cluster;
  const { server } = await startTestBackend({
    features: [
      ...features,
      catalogPlugin,
      catalogModuleMlops,
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:0' },
          mlops: {
            clusters: [
              {
                name: 'dev',
                url: state.server,
                caData: state.caData,
                serviceAccountToken: state.backendToken,
              },
            ],
          },
          catalog: {
            rules: [{ allow: ['Component', 'Resource', 'System', 'Location'] }],
            locations: locations.map(target => ({ type: 'file', target })),
            providers: {
              mlops: {
                defaultOwner: 'group:default/ml-platform-team',
                deltaDelayMs: 100,
                catalogCheckIntervalSeconds: 1,
                schedule: {
                  frequency: { minutes: 30 },
                  timeout: { minutes: 5 },
                  initialDelay: { seconds: initialDelaySeconds },
                },
              },
            },
          },
        },
      }),
    ],
  });
  return server;
}

type Server = Awaited<ReturnType<typeof startCatalog>>;

async function getEntity(
  server: Server,
  kind: string,
  name: string,
): Promise<Entity | undefined> {
  const res = await request(server).get(
    `/api/catalog/entities/by-name/${kind}/default/${name}`,
  );
  return res.status === 200 ? res.body : undefined;
}

async function discovered(server: Server, namespace: string) {
  const res = await request(server).get(
    `/api/catalog/entities?filter=metadata.annotations.mlops.backstage.io/namespace=${namespace}`,
  );
  expect(res.status).toBe(200);
  return (res.body as Entity[]).filter(e =>
    e.metadata.annotations?.['backstage.io/managed-by-location']?.startsWith(
      'mlops:',
    ),
  );
}

async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    }
    await new Promise(r => setTimeout(r, 50));
  }
}

function relationTargets(entity: Entity, type: string) {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();
}

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  admin = adminClient(cluster);
});

afterAll(async () => {
  await Promise.all(created.map(name => deleteNamespace(admin, name)));
});

describe('catalog discovery on the dev cluster', () => {
  let server: Server;
  let handWrittenNs: string;
  let resolver: MlopsEntityResolver;

  beforeAll(async () => {
    // A hand-written model for a namespace of this suite (catalog-info.yaml).
    handWrittenNs = ns('hand');
    const dir = mkdtempSync(join(tmpdir(), 'mlops-discovery-'));
    const file = join(dir, 'catalog-info.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        `  name: hand-written-${stamp}`,
        '  annotations:',
        `    mlops.backstage.io/namespace: ${handWrittenNs}`,
        '    mlops.backstage.io/model-name: fraud-scorer',
        '    mlops.backstage.io/inference-service: fraud-scorer',
        'spec:',
        '  type: ml-model',
        '  lifecycle: production',
        '  owner: data-science-team',
      ].join('\n'),
    );
    server = await startCatalog([file], 1, [
      resolverModule(r => (resolver = r)),
    ]);
  });

  it('turns the seeded models into entities with their pipeline and notebook relations', async () => {
    const model = await waitFor(
      async () => {
        const e = await getEntity(
          server,
          'component',
          'churn-predictor.mlops-demo-team-b.dev',
        );
        return e?.relations?.some(r => r.type === 'dependsOn') && e;
      },
      60_000,
      'the seeded churn-predictor',
    );
    expect(model.spec).toMatchObject({
      type: 'ml-model',
      owner: 'group:default/ml-platform-team',
    });
    expect(model.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': 'mlops:cluster/dev',
      'backstage.io/managed-by-origin-location': 'mlops:cluster/dev',
      'mlops.backstage.io/cluster': 'dev',
      'mlops.backstage.io/namespace': 'mlops-demo-team-b',
      'mlops.backstage.io/model-name': 'churn-predictor',
      'mlops.backstage.io/inference-service': 'churn-predictor',
      'mlops.backstage.io/training-pipeline': 'model-training-pipeline',
      'mlops.backstage.io/build-config': 'churn-predictor-notebook',
      'mlops.backstage.io/workbench': 'churn-predictor-workbench',
    });
    expect(relationTargets(model, 'dependsOn')).toEqual([
      'resource:default/model-training-pipeline.mlops-demo-team-b.dev',
    ]);
    expect(relationTargets(model, 'ownedBy')).toEqual([
      'group:default/ml-platform-team',
    ]);
    const pipeline = await getEntity(
      server,
      'resource',
      'model-training-pipeline.mlops-demo-team-b.dev',
    );
    expect(pipeline?.spec?.type).toBe('ml-pipeline');
    const notebook = await waitFor(
      async () =>
        (
          await discovered(server, 'mlops-demo-team-b')
        ).find(e => e.spec?.type === 'notebook'),
      10_000,
      'the seeded churn-predictor notebook',
    );
    expect(notebook.spec?.subcomponentOf).toBe(
      'component:default/churn-predictor.mlops-demo-team-b.dev',
    );
    // The other seeded namespace too.
    for (const name of [
      'anomaly-detector',
      'predictive-analytics',
      'forecast-capacity',
    ]) {
      expect(
        await getEntity(server, 'component', `${name}.mlops-demo.dev`),
      ).toBeDefined();
    }
  });

  it('adds an entity for a new InferenceService within 3 s, and removes it when it is deleted', async () => {
    const namespace = ns('live');
    created.push(namespace);
    await createNamespace(admin, namespace);
    const entityName = `credit-risk.${namespace}.dev`;
    // The cache is warm (the previous test waited for the seeded models).
    await waitFor(
      async () =>
        getEntity(server, 'component', 'churn-predictor.mlops-demo-team-b.dev'),
      60_000,
      'a warm catalog',
    );
    const started = Date.now();
    await createInferenceService(admin, namespace, 'credit-risk', {
      annotations: {
        'mlops.backstage.io/owner': 'group:default/risk-team',
        'mlops.backstage.io/description': 'Scores credit risk.',
      },
      labels: { 'mlops.backstage.io/lifecycle': 'experimental' },
    });
    const entity = await waitFor(
      () => getEntity(server, 'component', entityName),
      10_000,
      'the new model',
    );
    const addedMs = Date.now() - started;
    process.stdout.write(
      `[discovery] new InferenceService → catalog entity in ${addedMs} ms\n`,
    );
    expect(addedMs).toBeLessThanOrEqual(3000);
    expect(entity.metadata.description).toBe('Scores credit risk.');
    expect(entity.spec).toMatchObject({
      owner: 'group:default/risk-team',
      lifecycle: 'experimental',
    });

    const deleting = Date.now();
    await deleteInferenceService(admin, namespace, 'credit-risk');
    await waitFor(
      async () => !(await getEntity(server, 'component', entityName)),
      10_000,
      'the removal',
    );
    const removedMs = Date.now() - deleting;
    process.stdout.write(
      `[discovery] deleted InferenceService → entity gone in ${removedMs} ms\n`,
    );
    expect(removedMs).toBeLessThanOrEqual(3000);
  });

  it('gives a model an owner its namespace allows, so it may act there without a hand-written entity', async () => {
    const namespace = ns('owned');
    created.push(namespace);
    await createNamespace(
      admin,
      namespace,
      {},
      {
        'mlops.backstage.io/allowed-owners':
          'group:default/fraud-team, group:default/ml-platform-team',
      },
    );
    // No owner on the object: the default (ml-platform-team) is allowed and kept.
    await createInferenceService(admin, namespace, 'fraud-scorer');
    // An owner the namespace does not allow: the first allowed owner instead.
    await createInferenceService(admin, namespace, 'fraud-rules', {
      annotations: { 'mlops.backstage.io/owner': 'group:default/risk-team' },
    });
    const byName = (name: string) =>
      waitFor(
        () => getEntity(server, 'component', `${name}.${namespace}.dev`),
        10_000,
        `the discovered ${name}`,
      );
    const scorer = await byName('fraud-scorer');
    const rules = await byName('fraud-rules');
    expect(scorer.spec?.owner).toBe('group:default/ml-platform-team');
    expect(rules.spec?.owner).toBe('group:default/fraud-team');
    // The one place every route, action and scaffolder step resolves an entity
    // through lets both act in their namespace (the default setting checks actions).
    for (const entity of [scorer, rules]) {
      await expect(resolver.resolve(entity, 'mutation')).resolves.toMatchObject(
        {
          cluster: { name: 'dev' },
          coordinates: {
            namespace,
            inferenceService:
              entity.metadata.annotations?.[
                'mlops.backstage.io/inference-service'
              ],
          },
        },
      );
    }
    // What the owner would have been without the namespace's word is refused there.
    await expect(
      resolver.resolve(
        { ...rules, spec: { ...rules.spec, owner: 'group:default/risk-team' } },
        'mutation',
      ),
    ).rejects.toThrow(
      `may not act on the objects of namespace ${namespace} on cluster dev: the namespace does not allow its owner group:default/risk-team`,
    );
  });

  it('leaves out objects and namespaces that opt out', async () => {
    const namespace = ns('optout');
    const quiet = ns('quiet');
    created.push(namespace, quiet);
    await createNamespace(admin, namespace);
    await createNamespace(admin, quiet, {
      'mlops.backstage.io/discover': 'false',
    });
    await createInferenceService(admin, namespace, 'hidden-model', {
      labels: { 'mlops.backstage.io/discover': 'false' },
    });
    await createInferenceService(admin, quiet, 'quiet-model');
    // Created last: once it is in the catalog, the others had their chance.
    await createInferenceService(admin, namespace, 'shown-model');
    await waitFor(
      () => getEntity(server, 'component', `shown-model.${namespace}.dev`),
      10_000,
      'the control model',
    );
    await new Promise(r => setTimeout(r, 500));
    expect(
      await getEntity(server, 'component', `hidden-model.${namespace}.dev`),
    ).toBeUndefined();
    expect(
      await getEntity(server, 'component', `quiet-model.${quiet}.dev`),
    ).toBeUndefined();
    expect((await discovered(server, quiet)).length).toBe(0);
  });

  it('gives the same model name in two namespaces two entities', async () => {
    const first = ns('team-a');
    const second = ns('team-b');
    created.push(first, second);
    await Promise.all([
      createNamespace(admin, first),
      createNamespace(admin, second),
    ]);
    await createInferenceService(admin, first, 'demand-forecast');
    await createInferenceService(admin, second, 'demand-forecast');
    const [a, b] = await Promise.all(
      [first, second].map(namespace =>
        waitFor(
          () =>
            getEntity(server, 'component', `demand-forecast.${namespace}.dev`),
          10_000,
          `demand-forecast in ${namespace}`,
        ),
      ),
    );
    expect(a.metadata.uid).not.toBe(b.metadata.uid);
    expect(a.metadata.annotations?.['mlops.backstage.io/namespace']).toBe(
      first,
    );
    expect(b.metadata.annotations?.['mlops.backstage.io/namespace']).toBe(
      second,
    );
  });

  it('gives way to a hand-written entity of the same model and points relations at it', async () => {
    created.push(handWrittenNs);
    await createNamespace(admin, handWrittenNs);
    await createInferenceService(admin, handWrittenNs, 'fraud-scorer');
    await createValidationJob(
      admin,
      handWrittenNs,
      'fraud-scorer-validation',
      'fraud-scorer',
      'notebooks/fraud/01-train.ipynb',
    );
    const notebook = await waitFor(
      async () =>
        (
          await discovered(server, handWrittenNs)
        ).find(e => e.spec?.type === 'notebook'),
      10_000,
      'the discovered notebook',
    );
    expect(notebook.spec?.subcomponentOf).toBe(
      `component:default/hand-written-${stamp}`,
    );
    expect(
      (await discovered(server, handWrittenNs)).filter(
        e => e.spec?.type === 'ml-model',
      ),
    ).toEqual([]);
    expect(
      await getEntity(server, 'component', `fraud-scorer.${handWrittenNs}.dev`),
    ).toBeUndefined();
  });
});

describe('catalog discovery next to the hand-written demo catalog', () => {
  it('adds no second entity for the seeded models that examples/mlops-demo.yaml describes when discovery starts after the catalog ingested it', async () => {
    const demo = resolve(__dirname, '../../../../examples/mlops-demo.yaml');
    // Other suites may add runs of other models to these namespaces: look at what
    // the hand-written catalog describes.
    const seeded = [
      'anomaly-detector',
      'predictive-analytics',
      'forecast-capacity',
      'churn-predictor',
    ];
    const handWrittenPaths = [
      'notebooks/02-anomaly-detection/01-isolation-forest-implementation.ipynb',
      'notebooks/02-anomaly-detection/05-predictive-analytics-kserve.ipynb',
      'notebooks/03-self-healing-logic/02-capacity-forecasting.ipynb',
      'notebooks/01-churn/01-train-churn.ipynb',
    ];
    const duplicatesIn = async (server: Server) => {
      const found: string[] = [];
      for (const namespace of ['mlops-demo', 'mlops-demo-team-b']) {
        for (const e of await discovered(server, namespace)) {
          const a = e.metadata.annotations ?? {};
          if (
            seeded.includes(a['mlops.backstage.io/model-name']) ||
            a['mlops.backstage.io/training-pipeline'] ===
              'model-training-pipeline' ||
            handWrittenPaths.includes(a['mlops.backstage.io/notebook-path'])
          ) {
            found.push(`${e.kind}:${e.metadata.name}`);
          }
        }
      }
      return found;
    };

    // Discovery starts 10 s after the catalog (the schedule's initial delay), by which
    // time the catalog has read its own location; from the catalog's start on, every
    // 100 ms, no discovered duplicate shows up.
    const server = await startCatalog([demo], 10);
    const seen = new Set<string>();
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const ref of await duplicatesIn(server)) seen.add(ref);
        await new Promise(r => setTimeout(r, 100));
      }
    })();
    try {
      // The hand-written ones arrive, and discovery has run over the seeded namespaces.
      await waitFor(
        () => getEntity(server, 'component', 'churn-predictor'),
        60_000,
        'the hand-written churn-predictor',
      );
      const control = ns('demo-control');
      created.push(control);
      await createNamespace(admin, control);
      await createInferenceService(admin, control, 'control-model');
      await waitFor(
        () => getEntity(server, 'component', `control-model.${control}.dev`),
        30_000,
        'the control model',
      );
      // Give the hand-written index a round (it is read every second here).
      await new Promise(r => setTimeout(r, 2500));
    } finally {
      watching = false;
      await watcher;
    }
    expect([...seen]).toEqual([]);
    expect(await duplicatesIn(server)).toEqual([]);
    const model = await getEntity(server, 'component', 'churn-predictor');
    expect(
      model?.metadata.annotations?.['backstage.io/managed-by-location'],
    ).toMatch(/^file:/);
  });
});

describe('a large discovery at start', () => {
  it('brings every model and notebook of a large namespace with their relations', async () => {
    const namespace = ns('large');
    const count = 110;
    created.push(namespace);
    await createNamespace(admin, namespace);
    const client = admin;
    const createModel = async (j: number) => {
      await createInferenceService(client, namespace, `m${j}`);
      await createValidationJob(
        client,
        namespace,
        `v${j}`,
        `m${j}`,
        `nb/${j}.ipynb`,
      );
    };
    const indexes = Array.from({ length: count }, (_, j) => j);
    for (let i = 0; i < count; i += 10) {
      await Promise.all(indexes.slice(i, i + 10).map(createModel));
    }
    const server = await startCatalog([]);

    const entities = await waitFor(
      async () => {
        const all = await discovered(server, namespace);
        const notebooks = all.filter(
          e =>
            e.spec?.type === 'notebook' &&
            relationTargets(e, 'partOf').length === 1,
        );
        return notebooks.length === count && all;
      },
      60_000,
      'every notebook, partOf its model',
    );
    const models = entities.filter(e => e.spec?.type === 'ml-model');
    expect(models).toHaveLength(count);
    for (const model of models) {
      expect(relationTargets(model, 'hasPart')).toHaveLength(1);
    }
  });
});
