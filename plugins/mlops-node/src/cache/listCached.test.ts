import { InputError } from '@backstage/errors';
import type { MlopsClusterClients } from '../client/types';
import { capturingLogger } from '../testUtils/capturingLogger';
import {
  clusterDetails,
  staticClusterRegistry,
} from '../testUtils/staticClusters';
import { eventually, FakeClusterClient } from '../testUtils/FakeClusterClient';
import { DefaultMlopsObjectStore } from './DefaultMlopsObjectStore';

function isvc(name: string, namespace: string) {
  return {
    metadata: { name, namespace },
    spec: { predictor: { model: { modelFormat: { name: 'sklearn' } } } },
  };
}

function setup() {
  const dev = new FakeClusterClient('dev');
  dev.served.set('serving.kserve.io/v1beta1', ['inferenceservices']);
  const lab = new FakeClusterClient('lab');
  lab.unreachable = true;
  const clients: MlopsClusterClients = {
    forCluster: name =>
      (({ dev, lab } as Record<string, FakeClusterClient>)[name]),
  };
  const store = DefaultMlopsObjectStore.create({
    logger: capturingLogger(),
    clusterRegistry: staticClusterRegistry([
      clusterDetails('dev', 'https://dev', {
        serviceAccountToken: 'token-dev',
      }),
      clusterDetails('lab', 'https://lab', {
        serviceAccountToken: 'token-lab',
      }),
    ]),
    clusterClients: clients,
    backoff: { initialMs: 5, maxMs: 20 },
  });
  return { dev, store };
}

describe('DefaultMlopsObjectStore.listCached', () => {
  it('lists a synced kind across namespaces from memory, follows watch events, and says when it has no complete view', async () => {
    const { dev, store } = setup();
    try {
      dev.put('inferenceservices', isvc('a', 'ns1'));
      dev.put('inferenceservices', isvc('b', 'ns2'));

      await eventually(() => dev.watchOf('inferenceservices'));
      const listsBefore = dev.listCalls.length;
      const synced = store.listCached({
        cluster: 'dev',
        kind: 'inferenceservices',
      });
      expect(synced.synced).toBe(true);
      expect(synced.freshness.state).toBe('fresh');
      expect(
        synced.items
          .map(i => `${i.metadata.namespace}/${i.metadata.name}`)
          .sort(),
      ).toEqual(['ns1/a', 'ns2/b']);

      dev.emit(
        'inferenceservices',
        'ADDED',
        dev.put('inferenceservices', isvc('c', 'ns3')),
      );
      await eventually(
        () =>
          store.listCached({ cluster: 'dev', kind: 'inferenceservices' }).items
            .length === 3,
      );
      expect(dev.listCalls.length).toBe(listsBefore); // memory only

      // Not served: a complete (empty) view.
      expect(store.listCached({ cluster: 'dev', kind: 'builds' })).toEqual({
        items: [],
        synced: true,
        freshness: expect.objectContaining({ state: 'not-installed' }),
      });
      // Never reached: no complete view.
      expect(
        store.listCached({ cluster: 'lab', kind: 'inferenceservices' }),
      ).toMatchObject({ items: [], synced: false });
    } finally {
      await store.stop();
    }
  });

  it('has nothing synced of a cluster it does not cache, and rejects an unknown kind', async () => {
    const { store } = setup();
    try {
      expect(
        store.listCached({ cluster: 'nope', kind: 'inferenceservices' }),
      ).toEqual({ items: [], synced: false, freshness: { state: 'syncing' } });
      expect(() =>
        store.listCached({ cluster: 'dev', kind: 'secrets' as 'builds' }),
      ).toThrow(InputError);
    } finally {
      await store.stop();
    }
  });
});
