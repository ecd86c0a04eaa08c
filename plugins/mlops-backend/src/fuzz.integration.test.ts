import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import * as mlopsCommon from '@backstage-mlops/plugin-mlops-common';
import { DevCluster } from '@backstage-mlops/dev-cluster';
import {
  startDevClusterBackend,
  waitUntilFresh,
} from './__testUtils__/devClusterBackend';
import {
  FUZZ_MODEL,
  fuzzBaseline,
  fuzzCases,
  fuzzEntities,
  type FuzzActionSchema,
} from './__testUtils__/fuzz/cases';
import { uncoveredInventory } from './__testUtils__/fuzz/inventory';
import { registeredMlopsRoutes } from './__testUtils__/fuzz/routeTable';
import {
  formatFuzzReport,
  fuzzFailures,
  runFuzz,
} from './__testUtils__/fuzz/runFuzz';

// The short variant of bench/fuzz.mjs (issue 23): the same generator, a fixed seed and a
// few hundred inputs, against the mlops backend plugin with the real actions registry
// on the shared dev cluster, the fuzz entities served by the catalog service. No 5xx,
// every 4xx names the field, nothing bad accepted, every request answered.

const SEED = 23;
const INPUTS = Number(process.env.MLOPS_FUZZ_INPUTS ?? 500);

let cluster: DevCluster;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
});

describe('fuzz (short variant of bench/fuzz.mjs)', () => {
  it(`answers ${INPUTS} generated bad inputs (seed ${SEED}) with 4xx naming the field, never 5xx`, async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { baseUrl } = await startDevClusterBackend({
        cluster,
        entities: fuzzEntities(),
        features: [actionsRegistryServiceFactory],
      });
      await waitUntilFresh(baseUrl, FUZZ_MODEL.name);
      const listed = await (
        await fetch(`${baseUrl}/api/mlops/.backstage/actions/v1/actions`)
      ).json();
      const registrySchemas: Record<string, FuzzActionSchema> = {};
      for (const action of listed.actions) {
        registrySchemas[action.id] = action.schema.input;
      }
      const routes = registeredMlopsRoutes();
      expect(
        uncoveredInventory({
          routes,
          registryActions: Object.keys(registrySchemas),
          annotationKeys: Object.entries(mlopsCommon)
            .filter(
              ([name, value]) =>
                /ANNOTATION/.test(name) && typeof value === 'string',
            )
            .map(([, value]) => value as string),
        }),
      ).toEqual([]);

      const served = new Set(routes.map(r => `${r.method} ${r.path}`));
      const { next } = fuzzCases({
        seed: SEED,
        baseline: await fuzzBaseline(baseUrl),
        registrySchemas,
        served: route => served.has(`${route.method} ${route.path}`),
      });
      const report = await runFuzz({
        baseUrl,
        next,
        count: INPUTS,
        concurrency: 4,
      });
      const lines = formatFuzzReport(report);
      // eslint-disable-next-line no-console
      console.log(`fuzz, seed ${SEED}:\n${lines.join('\n')}`);
      // The first examples of each failure class, or nothing.
      expect(lines.filter(line => line.startsWith('  '))).toEqual([]);
      expect(fuzzFailures(report)).toBe(0);
      expect(report.inputs).toBe(INPUTS);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
