// The catalog's own cost of ingesting discovered models, without a cluster: a backend
// with the catalog (the portal's patched packages, SQLite in memory, the demo's
// catalog files, this project's catalog module with discovery off) and a provider that
// applies 1,000 models, built by the module's own buildNamespaceEntities from objects
// like the scale data set's, as one full mutation, then their 1,000 notebooks as a
// delta once the models are readable, as the mlops provider does. Prints how long each took to become readable through the
// catalog API and the process's CPU time meanwhile. Without the cluster's cache sync in
// the same window, repeated runs vary less than bench/catalog-discovery.mjs, so it is
// the one to compare changes of the catalog itself with; the figure is still
// catalog-discovery's.
// Run (repository root, after `./dev test` installed things):
//   node --require @backstage/cli/config/nodeTransform.cjs bench/catalog-ingest.ts
//     --models N     how many models (and notebooks); 1000
//     --owner REF    their owner; group:default/ml-platform-team (a demo group)
//     --system NAME  their system; self-healing-platform (the demo's system)
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { MLOPS_DISCOVERY_LOCATION_PREFIX } from '@backstage-mlops/plugin-mlops-common';
import {
  buildNamespaceEntities,
  emptyNamespaceObjects,
  type NamespaceObjects,
} from '../plugins/catalog-backend-module-mlops/src/providers/buildNamespaceEntities';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
  type EntityProvider,
  type EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

const { values: options } = parseArgs({
  options: {
    models: { type: 'string', default: '1000' },
    owner: { type: 'string', default: 'group:default/ml-platform-team' },
    system: { type: 'string', default: 'self-healing-platform' },
  },
});
const MODELS = Number(options.models);
if (!Number.isInteger(MODELS) || MODELS < 1) {
  throw new Error(
    `--models must be a positive whole number, not "${options.models}"`,
  );
}
const PORT = 7307;
const CLUSTER = 'ingest-bench';
const NAMESPACES = 50;
const root = join(__dirname, '..');

const meta = (name: string, namespace: string, model?: string) => ({
  name,
  namespace,
  uid: `${namespace}/${name}`,
  resourceVersion: '1',
  ...(model ? { labels: { 'model-name': model } } : {}),
});

/**
 * What discovery makes of the scale data set's objects (model `model-NNN` in namespace
 * `mlops-scale-NN`, with an InferenceService, a training run, a validation job and a
 * notebook BuildConfig), built by the catalog module's own `buildNamespaceEntities`.
 */
function discoveredEntities(): { models: Entity[]; notebooks: Entity[] } {
  const namespaces = new Map<string, NamespaceObjects>();
  for (let i = 0; i < MODELS; i++) {
    const model = `model-${String(Math.floor(i / NAMESPACES)).padStart(
      3,
      '0',
    )}`;
    const namespace = `mlops-scale-${String(i % NAMESPACES).padStart(2, '0')}`;
    let objects = namespaces.get(namespace);
    if (!objects) {
      objects = emptyNamespaceObjects(CLUSTER, namespace);
      namespaces.set(namespace, objects);
    }
    objects.inferenceServices.push({
      metadata: meta(model, namespace),
      spec: { predictor: {} },
    });
    objects.pipelineRuns.push({
      metadata: meta(`train-${model}`, namespace, model),
      spec: { pipelineRef: { name: 'model-training-pipeline' } },
    });
    objects.validationJobs.push({
      metadata: meta(`validate-${model}`, namespace, model),
      spec: {
        notebook: {
          git: {
            url: 'https://github.com/backstage-mlops/demo-models.git',
            ref: 'main',
          },
          path: `notebooks/${model}/train.ipynb`,
        },
        podConfig: { containerImage: 'notebook-validator' },
      },
    });
    objects.buildConfigs.push({
      metadata: meta(`${model}-notebook`, namespace, model),
      spec: {},
    });
  }
  const context = {
    mode: 'opt-out' as const,
    defaults: {
      owner: options.owner,
      lifecycle: 'production',
      system: options.system,
    },
    handWritten: () => undefined,
  };
  const entities = [...namespaces.values()].flatMap(objects =>
    buildNamespaceEntities(objects, context),
  );
  const ofType = (type: string) =>
    entities.filter(entity => entity.spec?.type === type);
  return { models: ofType('ml-model'), notebooks: ofType('notebook') };
}

class IngestBenchProvider implements EntityProvider {
  connection?: EntityProviderConnection;
  getProviderName() {
    return 'ingest-bench';
  }
  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
  }
}

async function main() {
  const provider = new IngestBenchProvider();
  let measured: Promise<void> | undefined;
  const backend = createBackend();
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        app: { baseUrl: 'http://localhost:3000' },
        backend: {
          baseUrl: `http://localhost:${PORT}`,
          listen: { port: PORT, host: '127.0.0.1' },
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
        catalog: {
          rules: [
            {
              allow: [
                'Component',
                'System',
                'Resource',
                'Group',
                'User',
                'Location',
              ],
            },
          ],
          stitchingStrategy: {
            mode: 'deferred',
            pollingInterval: { milliseconds: 200 },
          },
          locations: ['examples/org.yaml', 'examples/mlops-demo.yaml'].map(
            file => ({ type: 'file', target: join(root, file) }),
          ),
        },
      },
    }),
  );
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(import('@backstage-mlops/plugin-catalog-backend-module-mlops'));
  backend.add(
    createBackendModule({
      pluginId: 'catalog',
      moduleId: 'ingest-bench',
      register(env) {
        env.registerInit({
          deps: {
            catalogProcessing: catalogProcessingExtensionPoint,
            catalog: catalogServiceRef,
            auth: coreServices.auth,
            lifecycle: coreServices.rootLifecycle,
          },
          async init({ catalogProcessing, catalog, auth, lifecycle }) {
            catalogProcessing.addEntityProvider(provider);
            lifecycle.addStartupHook(() => {
              measured = measure(provider, catalog, auth);
            });
          },
        });
      },
    }),
  );
  await backend.start();
  await measured;
  // The scheduler's and catalog's loops keep running after stop; the figures are out.
  process.exit(0);
}

async function measure(
  provider: IngestBenchProvider,
  catalog: typeof catalogServiceRef.T,
  auth: typeof coreServices.auth.T,
) {
  const credentials = await auth.getOwnServiceCredentials();
  const count = async (filter: Record<string, string>) =>
    (await catalog.queryEntities({ filter, limit: 1 }, { credentials }))
      .totalItems;
  const waitFor = async (filter: Record<string, string>, n: number) => {
    while ((await count(filter)) < n) await sleep(100);
  };
  const allReadable = (type: string) =>
    waitFor(
      {
        'spec.type': type,
        'metadata.annotations.mlops.backstage.io/cluster': CLUSTER,
      },
      MODELS,
    );
  // The demo's group and system first: discovered entities relate to them.
  await waitFor({ 'metadata.name': 'ml-platform-team' }, 1);
  await waitFor({ 'metadata.name': 'self-healing-platform' }, 1);
  await sleep(2000);

  const { models, notebooks } = discoveredEntities();
  const locationKey = `${MLOPS_DISCOVERY_LOCATION_PREFIX}${CLUSTER}`;
  const connection = provider.connection;
  if (!connection) throw new Error('The catalog did not connect the provider');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await connection.applyMutation({
    type: 'full',
    entities: models.map(entity => ({ entity, locationKey })),
  });
  await allReadable('ml-model');
  const modelsMs = performance.now() - t0;
  const cpuModels = process.cpuUsage(cpu0);
  await connection.applyMutation({
    type: 'delta',
    added: notebooks.map(entity => ({ entity, locationKey })),
    removed: [],
  });
  await allReadable('notebook');
  const allMs = performance.now() - t0;
  const cpuAll = process.cpuUsage(cpu0);
  const ms = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  console.log(
    `${MODELS} models readable ${(modelsMs / 1000).toFixed(2)} s (CPU ${(
      ms(cpuModels) / 1000
    ).toFixed(2)} s, ${(ms(cpuModels) / MODELS).toFixed(2)} ms per model); ` +
      `with their notebooks ${(allMs / 1000).toFixed(2)} s (CPU ${(
        ms(cpuAll) / 1000
      ).toFixed(2)} s)`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
