import {
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  Watch,
} from '@kubernetes/client-node';
import { DevCluster } from '../DevCluster';
import { crdKinds, manifest } from './kinds';
import { statusOf, waitFor } from './helpers';

// Every CRD kind through the real API server: the least-privilege backend identity
// lists, gets and watches; the admin creates, patches and deletes (the backend role
// has no delete verb at all, which the suite also proves).

const namespace = 'mlops-demo';
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
let cluster: DevCluster;
let admin: CustomObjectsApi;
let backend: CustomObjectsApi;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  admin = cluster.kubeConfig('admin').makeApiClient(CustomObjectsApi);
  backend = cluster.kubeConfig('backend').makeApiClient(CustomObjectsApi);
});

describe.each(crdKinds)('$kind ($group/$version)', kind => {
  const name = `it-${kind.plural}`;
  const ref = {
    group: kind.group,
    version: kind.version,
    namespace,
    plural: kind.plural,
  };

  it('is created, listed, watched, patched and deleted through the real API server', async () => {
    const events: string[] = [];
    const watch = await new Watch(cluster.kubeConfig('backend')).watch(
      `/apis/${kind.group}/${kind.version}/namespaces/${namespace}/${kind.plural}`,
      { fieldSelector: `metadata.name=${name}` },
      (phase, obj) => events.push(`${phase} ${obj.metadata.name}`),
      () => undefined,
    );
    try {
      const created = await admin.createNamespacedCustomObject({
        ...ref,
        body: manifest(kind, name),
      });
      expect(created.metadata.resourceVersion).toMatch(/^\d+$/);

      const listed = await backend.listNamespacedCustomObject({
        ...ref,
        labelSelector: 'sim.mlops.dev/skip=true',
      });
      expect(
        listed.items.map(
          (i: { metadata: { name: string } }) => i.metadata.name,
        ),
      ).toContain(name);

      const patched = await admin.patchNamespacedCustomObject(
        { ...ref, name, body: { metadata: { labels: { patched: 'yes' } } } },
        mergePatch,
      );
      expect(Number(patched.metadata.resourceVersion)).toBeGreaterThan(
        Number(created.metadata.resourceVersion),
      );
      const got = await backend.getNamespacedCustomObject({ ...ref, name });
      expect(got.metadata.labels.patched).toBe('yes');

      expect(
        await statusOf(backend.deleteNamespacedCustomObject({ ...ref, name })),
      ).toBe(403);
      await admin.deleteNamespacedCustomObject({ ...ref, name });
      expect(
        await statusOf(backend.getNamespacedCustomObject({ ...ref, name })),
      ).toBe(404);

      await waitFor(() => events.includes(`DELETED ${name}`));
      expect(events).toEqual([
        `ADDED ${name}`,
        `MODIFIED ${name}`,
        `DELETED ${name}`,
      ]);
    } finally {
      watch.abort();
    }
  });
});
