// The memory the watch cache itself costs for a cluster's objects, measured in one
// process with forced garbage collection (RSS of a whole backend varies by ±50 MiB
// between starts, more than the cache). Started by read-api.mjs against its scaled
// cluster:  node --expose-gc --require @backstage/cli/config/nodeTransform.cjs
//           bench/cache-memory.ts <state.json>
import { readFileSync } from 'node:fs';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DefaultMlopsClusterClients,
  DefaultMlopsClusterRegistry,
  DefaultMlopsObjectStore,
} from '@backstage-mlops/plugin-mlops-node';
import {
  mockClusterDetails,
  mockMlopsClusterAccess,
} from '@backstage-mlops/plugin-mlops-node/testUtils';

function settle(): { heapMiB: number; rssMiB: number } {
  for (let i = 0; i < 3; i++) (global as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapMiB: heapUsed / 2 ** 20, rssMiB: rss / 2 ** 20 };
}

async function main() {
  const state = JSON.parse(readFileSync(process.argv[2], 'utf8'));
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

main().catch(error => {
  console.error(error);
  process.exit(1);
});
