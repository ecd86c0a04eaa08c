// The memory the watch cache itself costs for a cluster's objects, measured in one
// process with forced garbage collection (RSS of a whole backend varies by ±50 MiB
// between starts, more than the cache); then, for the same kinds, the memory of
// client-node's own informer (makeInformer over a ListWatch, which keeps whole
// objects). Started by read-api.mjs against its scaled cluster, or alone against a dev
// cluster with the scale data set:
//   node --expose-gc --require @backstage/cli/config/nodeTransform.cjs
//        bench/cache-memory.ts <state.json>
// Each cache is measured in a process of its own (`… <state.json> ours` or
// `… <state.json> client-node`; without the last argument the script runs both): within
// one process the second figure is off by what the first left to the garbage collector.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DefaultMlopsClusterClients,
  DefaultMlopsClusterRegistry,
  DefaultMlopsObjectStore,
  MLOPS_RESOURCE_KINDS,
} from '@backstage-mlops/plugin-mlops-node';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  makeInformer,
  type KubernetesObject,
} from '@kubernetes/client-node';
import {
  mockClusterDetails,
  mockMlopsClusterAccess,
} from '@backstage-mlops/plugin-mlops-node/testUtils';

function settle(): { heapMiB: number; rssMiB: number } {
  for (let i = 0; i < 3; i++) (global as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapMiB: heapUsed / 2 ** 20, rssMiB: rss / 2 ** 20 };
}

/** The kinds the scale data set has objects of (the same for both caches). */
const SCALE_KINDS: Array<keyof typeof MLOPS_RESOURCE_KINDS> = [
  'pipelineruns',
  'notebookvalidationjobs',
  'buildconfigs',
  'builds',
  'inferenceservices',
  'namespaces',
];

async function main() {
  const [stateFile, which] = process.argv.slice(2);
  if (which === undefined) {
    for (const one of ['ours', 'client-node']) {
      process.stdout.write(
        execFileSync(
          process.execPath,
          [...process.execArgv, process.argv[1], stateFile, one],
          { encoding: 'utf8' },
        ),
      );
    }
    return;
  }
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  if (which === 'client-node') {
    await clientNodeInformers(state, SCALE_KINDS);
    return;
  }
  // The cluster as the Kubernetes plugin's config locator hands it over (serviceAccount).
  const config = new ConfigReader({});
  const logger = mockServices.rootLogger({ level: 'none' });
  const before = settle();
  const clusterRegistry = DefaultMlopsClusterRegistry.create({
    access: mockMlopsClusterAccess([
      mockClusterDetails('bench', state.server, {
        caData: state.caData,
        serviceAccountToken: state.backendToken,
      }),
    ]),
    config,
    logger,
  });
  const store = DefaultMlopsObjectStore.fromConfig(config, {
    logger,
    clusterRegistry,
    clusterClients: DefaultMlopsClusterClients.create({
      registry: clusterRegistry,
    }),
  });
  const started = Date.now();
  while (
    !store
      .status()
      .every(
        s =>
          s.freshness.state === 'fresh' ||
          s.freshness.state === 'not-installed',
      ) ||
    store.status().length === 0
  ) {
    await new Promise(r => setTimeout(r, 50));
  }
  const syncMs = Date.now() - started;
  const objects = store.status().reduce((sum, s) => sum + s.objects, 0);
  const after = settle();
  console.log(
    `cache memory: ${objects} objects synced in ${(syncMs / 1000).toFixed(
      1,
    )} s; heap +${(after.heapMiB - before.heapMiB).toFixed(0)} MiB, RSS +${(
      after.rssMiB - before.rssMiB
    ).toFixed(0)} MiB (${(
      ((after.heapMiB - before.heapMiB) * 2 ** 20) /
      objects /
      1024
    ).toFixed(1)} KiB per object)`,
  );
  await store.stop();
}

/** client-node's informers for the same kinds: whole objects, one list and watch each. */
async function clientNodeInformers(
  state: { server: string; caData: string; backendToken: string },
  kinds: Array<keyof typeof MLOPS_RESOURCE_KINDS>,
) {
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(
    { name: 'bench', server: state.server, caData: state.caData },
    { name: 'bench', token: state.backendToken },
  );
  const custom = kc.makeApiClient(CustomObjectsApi);
  const core = kc.makeApiClient(CoreV1Api);
  const coreList = {
    pods: (p: { labelSelector?: string }) => core.listPodForAllNamespaces(p),
    events: (p: { labelSelector?: string }) =>
      core.listEventForAllNamespaces(p),
    namespaces: (p: { labelSelector?: string }) => core.listNamespace(p),
  };
  const before = settle();
  const started = Date.now();
  const informers = kinds.map(id => {
    const kind = MLOPS_RESOURCE_KINDS[id];
    const { group, version, plural } = kind;
    const path = group
      ? `/apis/${group}/${version}/${plural}`
      : `/api/${version}/${plural}`;
    const labelSelector =
      'labelSelector' in kind ? (kind.labelSelector as string) : undefined;
    // Whole-cluster list as client-node's informer asks for it (no paging).
    const list = async () =>
      (group
        ? await custom.listClusterCustomObject({
            group,
            version,
            plural,
            labelSelector,
          })
        : await coreList[plural as keyof typeof coreList]({
            labelSelector,
          })) as {
        metadata: { resourceVersion?: string };
        items: KubernetesObject[];
      };
    const informer = makeInformer(kc, path, list as never, labelSelector);
    return informer;
  });
  await Promise.all(informers.map(i => i.start()));
  const syncMs = Date.now() - started;
  const objects = informers.reduce((sum, i) => sum + i.list().length, 0);
  const after = settle();
  console.log(
    `client-node informer (same kinds: ${kinds.join(
      ', ',
    )}): ${objects} objects synced in ${(syncMs / 1000).toFixed(1)} s; heap +${(
      after.heapMiB - before.heapMiB
    ).toFixed(0)} MiB, RSS +${(after.rssMiB - before.rssMiB).toFixed(
      0,
    )} MiB (${(
      ((after.heapMiB - before.heapMiB) * 2 ** 20) /
      Math.max(objects, 1) /
      1024
    ).toFixed(1)} KiB per object)`,
  );
  await Promise.all(informers.map(i => i.stop()));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
