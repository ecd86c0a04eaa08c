// What users feel of the cluster client: one mutation's latency (a merge patch of a
// PipelineRun, as Cancel does) through our client, and the same patch through
// client-node's CustomObjectsApi on a KubeConfig of its own (which makes a new
// connection pool for every request). Against a dev cluster that has the scale data
// set (read-api.mjs leaves none running; start one with
// `packages/dev-cluster/bin/dev-cluster up --no-controllers --state-dir D` and
// `... scale --state-dir D`), optionally a round trip away:
//   BENCH_RTT_MS=20 node --require @backstage/cli/config/nodeTransform.cjs \
//     bench/cluster-client.ts D/state.json
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DefaultMlopsClusterClients,
  DefaultMlopsClusterRegistry,
} from '@backstage-mlops/plugin-mlops-node';
import {
  mockClusterDetails,
  mockMlopsClusterAccess,
} from '@backstage-mlops/plugin-mlops-node/testUtils';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';

const rounds = Number(process.env.BENCH_MUTATIONS ?? 100);
const rttMs = Number(process.env.BENCH_RTT_MS ?? 0);
const resource = { group: 'tekton.dev', version: 'v1', plural: 'pipelineruns' };
const namespace = 'mlops-scale-00';

async function timed(fn: (i: number) => Promise<unknown>) {
  await fn(-1); // warm: the first request also connects
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) =>
    samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`;
}

async function main() {
  const state = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const proxy =
    rttMs > 0
      ? await (
          await import(join(__dirname, 'lib', 'delayProxy.mjs'))
        ).startDelayProxy(state.server, rttMs)
      : undefined;
  const server: string = proxy?.url ?? state.server;
  try {
    const registry = DefaultMlopsClusterRegistry.create({
      access: mockMlopsClusterAccess([
        mockClusterDetails('bench', server, {
          caData: state.caData,
          serviceAccountToken: state.backendToken,
        }),
      ]),
      config: new ConfigReader({}),
      logger: mockServices.rootLogger({ level: 'none' }),
    });
    const client = DefaultMlopsClusterClients.create({ registry }).forCluster(
      'bench',
    );
    const [first] = (
      await client.listObjects({ resource, namespace, limit: 1 })
    ).items;
    const name = first.metadata!.name!;
    const patch = (i: number) => ({
      metadata: { labels: { 'bench-round': `r${i + 1}` } },
    });
    console.log(
      `merge patch of a PipelineRun, ${rounds} in a row, ${
        rttMs ? `${rttMs} ms round trip` : 'loopback'
      }:`,
    );
    console.log(
      `  our client:                       ${await timed(i =>
        client.patchObject({ resource, namespace, name, patch: patch(i) }),
      )}`,
    );
    const kc = new KubeConfig();
    kc.loadFromClusterAndUser(
      {
        name: 'bench',
        server,
        caData: state.caData,
        skipTLSVerify: false,
      },
      { name: 'bench', token: state.backendToken },
    );
    const api = kc.makeApiClient(CustomObjectsApi);
    const { setHeaderOptions } = await import('@kubernetes/client-node');
    const merge = setHeaderOptions(
      'Content-Type',
      'application/merge-patch+json',
    );
    console.log(
      `  client-node CustomObjectsApi:     ${await timed(i =>
        api.patchNamespacedCustomObject(
          { ...resource, namespace, name, body: patch(i) },
          merge,
        ),
      )}`,
    );
  } finally {
    await proxy?.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
