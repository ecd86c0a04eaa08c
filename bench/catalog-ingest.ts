// The catalog's own cost of ingesting discovered models, without a cluster: a backend
// with the catalog (the portal's patched packages, SQLite in memory, the demo's
// catalog files, this project's catalog module with discovery off) and a provider that
// applies 1,000 models shaped like discovered ones (owner, system, annotations) as one
// full mutation, then their 1,000 notebooks as a delta once the models are readable,
// as the mlops provider does. Prints how long each took to become readable through the
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
const LOCATION = 'mlops:cluster/ingest-bench';
const root = join(__dirname, '..');

function annotations(namespace: string, extra: Record<string, string>) {
  return {
    'backstage.io/managed-by-location': LOCATION,
    'backstage.io/managed-by-origin-location': LOCATION,
    'mlops.backstage.io/cluster': 'ingest-bench',
    'mlops.backstage.io/namespace': namespace,
    ...extra,
  };
}

/** A model and its notebook as discovery builds them for the scale data set. */
function discovered(i: number): { model: Entity; notebook: Entity } {
  const model = `model-${String(Math.floor(i / 50)).padStart(3, '0')}`;
  const namespace = `mlops-scale-${String(i % 50).padStart(2, '0')}`;
  const name = `${model}.${namespace}.ingest-bench`;
  const spec = {
    lifecycle: 'production',
    owner: options.owner,
    system: options.system,
  };
  return {
    model: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        title: `${model} (${namespace})`,
        description: `Model ${model} in namespace ${namespace} on cluster ingest-bench, discovered from the cluster.`,
        annotations: annotations(namespace, {
          'mlops.backstage.io/model-name': model,
          'mlops.backstage.io/inference-service': model,
          'mlops.backstage.io/training-pipeline': 'model-training-pipeline',
          'mlops.backstage.io/build-config': `${model}-notebook`,
          'backstage.io/kubernetes-namespace': namespace,
          'backstage.io/kubernetes-label-selector': `model-name=${model}`,
        }),
      },
      spec: { type: 'ml-model', ...spec },
    },
    notebook: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `train.${name}-${i.toString(16).padStart(8, '0')}`,
        title: `train (${model}, ${namespace})`,
        description: `Notebook notebooks/${model}/train.ipynb of model ${model}, validated in namespace ${namespace} on cluster ingest-bench.`,
        annotations: annotations(namespace, {
          'mlops.backstage.io/notebook-path': `notebooks/${model}/train.ipynb`,
          'mlops.backstage.io/notebook-git-url':
            'https://github.com/backstage-mlops/demo-models.git',
        }),
      },
      spec: {
        type: 'notebook',
        ...spec,
        subcomponentOf: `component:default/${name}`,
      },
    },
  };
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
        'metadata.annotations.mlops.backstage.io/cluster': 'ingest-bench',
      },
      MODELS,
    );
  // The demo's group and system first: discovered entities relate to them.
  await waitFor({ 'metadata.name': 'ml-platform-team' }, 1);
  await waitFor({ 'metadata.name': 'self-healing-platform' }, 1);
  await sleep(2000);

  const all = Array.from({ length: MODELS }, (_, i) => discovered(i));
  const locationKey = LOCATION;
  const connection = provider.connection;
  if (!connection) throw new Error('The catalog did not connect the provider');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await connection.applyMutation({
    type: 'full',
    entities: all.map(e => ({ entity: e.model, locationKey })),
  });
  await allReadable('ml-model');
  const modelsMs = performance.now() - t0;
  const cpuModels = process.cpuUsage(cpu0);
  await connection.applyMutation({
    type: 'delta',
    added: all.map(e => ({ entity: e.notebook, locationKey })),
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
