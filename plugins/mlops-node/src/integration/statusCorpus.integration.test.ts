import { MLOPS_RESOURCE_KINDS } from '../kinds/resourceKinds';
import type { MlopsClusterClient } from '../client/types';
import { statusCorpus } from '../status/corpus';
import type { StatusFixture } from '../status/corpus';
import {
  adminClient,
  DevCluster,
  ensureNamespace,
} from './__testUtils__/devClusterSetup';

// The dev cluster's CRDs accept every object of the status corpus — the shapes the
// upstream controllers write, each fixture naming the upstream files it follows —
// without pruning a field: each object is created and its status written through the
// status subresource with `fieldValidation=Strict` (an unknown field is a 422, not a
// silent drop), then read back unchanged.

const ns = 'it-mlops-node-status-corpus';
let cluster: DevCluster;
let admin: MlopsClusterClient;

type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & { name: string };
  spec?: unknown;
  status?: unknown;
};

const RESOURCES = Object.fromEntries(
  Object.values(MLOPS_RESOURCE_KINDS).map(kind => [kind.kind, kind]),
);

/** The objects of a fixture. */
function objectsOf(fixture: StatusFixture): KubeObject[] {
  switch (fixture.kind) {
    case 'PipelineRun':
      return [fixture.run, ...fixture.taskRuns] as KubeObject[];
    case 'TaskRun':
      return [fixture.taskRun] as KubeObject[];
    default:
      return [fixture.object] as KubeObject[];
  }
}

/**
 * The object as a client creates it: in the test namespace, under a name unique
 * in the corpus, without server-set metadata or owners (the garbage collector
 * would remove objects whose owner does not exist), kept from the simulator.
 */
function creatable(object: KubeObject, name: string): KubeObject {
  const { labels, annotations } = object.metadata as {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: {
      name,
      namespace: ns,
      labels: { ...labels, 'sim.mlops.dev/skip': 'true' },
      ...(annotations ? { annotations } : {}),
    },
    ...(object.spec !== undefined ? { spec: object.spec } : {}),
  };
}

function pathOf(object: KubeObject, name?: string) {
  const resource = RESOURCES[object.kind];
  if (!resource) throw new Error(`no resource for kind ${object.kind}`);
  const base = `/apis/${resource.group}/${resource.version}/namespaces/${ns}/${resource.plural}`;
  return name ? `${base}/${name}` : base;
}

const cases = statusCorpus.flatMap(fixture =>
  objectsOf(fixture).map((object, index) => ({
    id: fixture.id,
    object,
    name: `c-${fixture.id}-${index}`.slice(0, 63).replace(/-+$/, ''),
  })),
);

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  admin = adminClient(cluster);
  await ensureNamespace(admin, ns);
});

afterAll(async () => {
  await admin.request({ method: 'DELETE', path: `/api/v1/namespaces/${ns}` });
});

describe('the dev cluster CRDs against the status corpus', () => {
  it('has an object of every kind', () => {
    expect(new Set(cases.map(c => c.object.kind))).toEqual(
      new Set([
        'PipelineRun',
        'TaskRun',
        'InferenceService',
        'NotebookValidationJob',
        'Build',
        'Notebook',
      ]),
    );
    expect(new Set(cases.map(c => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map(c => [`${c.id}: ${c.object.kind} ${c.name}`, c] as const))(
    'accepts %s with its status unchanged',
    async (_title, { object, name }) => {
      const created = (
        await admin.request({
          method: 'POST',
          path: pathOf(object),
          query: { fieldValidation: 'Strict' },
          body: creatable(object, name),
        })
      ).body as KubeObject;
      const written = (
        await admin.request({
          method: 'PUT',
          path: `${pathOf(object, name)}/status`,
          query: { fieldValidation: 'Strict' },
          body: { ...created, status: object.status },
        })
      ).body as KubeObject;
      expect(written.status).toEqual(object.status);
      const read = (
        await admin.request({ method: 'GET', path: pathOf(object, name) })
      ).body as KubeObject;
      expect(read.status).toEqual(object.status);
      expect(read.spec).toEqual(object.spec);
    },
  );
});
