import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { namespaceRefusalOf } from '@backstage-mlops/plugin-mlops-common';
import type { MlopsObjectQuery, MlopsObjectStore } from '../cache/types';
import { DefaultMlopsClusterRegistry } from '../clusters/DefaultMlopsClusterRegistry';
import type { MlopsResourceKindId } from '../kinds/resourceKinds';
import { DefaultMlopsEntityResolver } from './DefaultMlopsEntityResolver';

const ANNOTATION = 'mlops.backstage.io/allowed-owners';

/** Namespaces of cluster dev, as the watch cache would hold them. */
function storeWith(namespaces: Record<string, Record<string, string>>) {
  const queries: Array<MlopsObjectQuery<MlopsResourceKindId>> = [];
  const store: MlopsObjectStore = {
    async query(query) {
      queries.push(query);
      const annotations = namespaces[query.name ?? ''];
      return {
        items: (query.kind === 'namespaces' && annotations
          ? [
              {
                metadata: {
                  name: query.name!,
                  namespace: '',
                  uid: 'u',
                  resourceVersion: '1',
                  annotations,
                },
              },
            ]
          : []) as never,
        freshness: { state: 'fresh' },
        source: 'cache',
      };
    },
    status: () => [],
    subscribe: () => () => {},
  };
  return { store, queries };
}

function resolver(
  mlops: Record<string, unknown>,
  namespaces: Record<string, Record<string, string>>,
) {
  const config = new ConfigReader({
    mlops: {
      clusters: [{ name: 'dev', url: 'https://dev' }],
      ...mlops,
    },
  });
  const { store, queries } = storeWith(namespaces);
  return {
    queries,
    entities: DefaultMlopsEntityResolver.fromConfig(config, {
      clusters: DefaultMlopsClusterRegistry.fromConfig(config),
      store,
    }),
  };
}

function model(owner: string | undefined, namespace = 'team-a'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'churn',
      annotations: { 'mlops.backstage.io/namespace': namespace },
    },
    spec: { type: 'ml-model', lifecycle: 'production', owner },
  } as Entity;
}

const NAMESPACES = {
  'team-a': { [ANNOTATION]: 'group:default/team-a, user:default/alice' },
  'no-annotation': { other: 'x' },
};

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    e => e as Error,
  );
  expect(error).toBeInstanceOf(NotAllowedError);
  return { message: error.message, refusal: namespaceRefusalOf(error) };
}

describe('DefaultMlopsEntityResolver', () => {
  it("resolves an entity whose owner the namespace's annotation allows, for every use", async () => {
    const { entities } = resolver(
      { namespaceOwnership: { enforce: 'reads-and-mutations' } },
      NAMESPACES,
    );
    for (const owner of ['team-a', 'user:alice']) {
      for (const use of ['read', 'mutation'] as const) {
        await expect(entities.resolve(model(owner), use)).resolves.toEqual({
          entityRef: 'component:default/churn',
          cluster: { name: 'dev', url: 'https://dev', source: 'mlops' },
          coordinates: expect.objectContaining({
            namespace: 'team-a',
            modelName: 'churn',
          }),
        });
      }
    }
  });

  it('refuses, by default, mutations of an entity whose owner the namespace does not allow, naming the namespace and the annotation', async () => {
    const { entities } = resolver({}, NAMESPACES);
    expect(entities.enforcement).toBe('mutations');
    await expect(
      entities.resolve(model('team-b'), 'read'),
    ).resolves.toMatchObject({ entityRef: 'component:default/churn' });
    expect(
      await refusal(entities.resolve(model('team-b'), 'mutation')),
    ).toEqual({
      message:
        'component:default/churn may not act on the objects of namespace team-a on cluster dev: the namespace does not allow its owner group:default/team-b (its mlops.backstage.io/allowed-owners annotation is "group:default/team-a, user:default/alice"). If group:default/team-b should use it, a cluster admin adds group:default/team-b to the annotation mlops.backstage.io/allowed-owners of Namespace team-a (or the portal\'s config to mlops.clusters[].allowedOwners)',
      refusal: {
        cluster: 'dev',
        namespace: 'team-a',
        owner: 'group:default/team-b',
        annotation: ANNOTATION,
        use: 'mutation',
      },
    });
  });

  it('refuses reads too with reads-and-mutations, and nothing with off', async () => {
    const strict = resolver(
      { namespaceOwnership: { enforce: 'reads-and-mutations' } },
      NAMESPACES,
    );
    const read = await refusal(
      strict.entities.resolve(model('team-b'), 'read'),
    );
    expect(read.message).toContain(
      'component:default/churn may not read the objects of namespace team-a on cluster dev',
    );
    expect(read.refusal?.use).toBe('read');

    const off = resolver({ namespaceOwnership: { enforce: 'off' } }, {});
    await expect(
      off.entities.resolve(model('team-b'), 'mutation'),
    ).resolves.toMatchObject({ entityRef: 'component:default/churn' });
    expect(off.queries).toEqual([]); // nothing to check, nothing read
  });

  it('says why a namespace allows nobody: no annotation, no Namespace, no owner', async () => {
    const { entities } = resolver({}, NAMESPACES);
    expect(
      (
        await refusal(
          entities.resolve(model('team-a', 'no-annotation'), 'mutation'),
        )
      ).message,
    ).toContain(
      '(the Namespace has no mlops.backstage.io/allowed-owners annotation)',
    );
    expect(
      (await refusal(entities.resolve(model('team-a', 'gone'), 'mutation')))
        .message,
    ).toContain('(cluster dev has no Namespace gone)');
    const noOwner = await refusal(
      entities.resolve(model(undefined), 'mutation'),
    );
    expect(noOwner.message).toContain(
      'component:default/churn may not act on the objects of namespace team-a on cluster dev: the entity names no owner (spec.owner)',
    );
    expect(noOwner.refusal).toEqual({
      cluster: 'dev',
      namespace: 'team-a',
      annotation: ANNOTATION,
      use: 'mutation',
    });
  });

  it("takes the cluster config's allowed owners for namespaces that cannot be annotated, without reading the namespace", async () => {
    const { entities, queries } = resolver(
      {
        clusters: [
          {
            name: 'dev',
            url: 'https://dev',
            allowedOwners: { 'team-a': ['team-b'] },
          },
        ],
      },
      NAMESPACES,
    );
    await expect(
      entities.resolve(model('team-b'), 'mutation'),
    ).resolves.toMatchObject({ entityRef: 'component:default/churn' });
    expect(queries).toEqual([]);
    // The annotation still counts for the others.
    await expect(
      entities.resolve(model('team-a'), 'mutation'),
    ).resolves.toBeDefined();
    expect(queries).toEqual([
      { cluster: 'dev', kind: 'namespaces', name: 'team-a' },
    ]);
    expect(
      entities.allowedOwners('dev', 'team-a', NAMESPACES['team-a']),
    ).toEqual([
      'group:default/team-a',
      'user:default/alice',
      'group:default/team-b',
    ]);
    expect(entities.allowedOwners('dev', 'other', undefined)).toEqual([]);
  });

  it('names the annotation that is missing or the cluster that is not configured', async () => {
    const { entities } = resolver({}, NAMESPACES);
    const noNamespace = model('team-a');
    noNamespace.metadata.annotations = {};
    await expect(entities.resolve(noNamespace, 'read')).rejects.toThrow(
      new InputError(
        'component:default/churn: annotation mlops.backstage.io/namespace is missing',
      ),
    );
    const elsewhere = model('team-a');
    elsewhere.metadata.annotations!['mlops.backstage.io/cluster'] = 'prod';
    await expect(entities.resolve(elsewhere, 'read')).rejects.toThrow(
      'component:default/churn: annotation mlops.backstage.io/cluster: cluster "prod" is not configured; configured clusters: dev',
    );
  });

  it('says that the portal has no cluster, without blaming the entity', async () => {
    const config = new ConfigReader({});
    const { store } = storeWith(NAMESPACES);
    const entities = DefaultMlopsEntityResolver.fromConfig(config, {
      clusters: DefaultMlopsClusterRegistry.fromConfig(config),
      store,
    });
    const error = await entities.resolve(model('team-a'), 'read').then(
      () => undefined,
      e => e as Error,
    );
    expect(error?.name).toBe('ServiceUnavailableError');
    expect(error?.message).toBe(
      'no cluster is configured for backstage-mlops: add one under kubernetes.clusterLocatorMethods (or mlops.clusters) in app-config.yaml',
    );
  });

  it('names a bad enforcement setting', () => {
    expect(() =>
      resolver({ namespaceOwnership: { enforce: 'always' } }, {}),
    ).toThrow(
      'mlops.namespaceOwnership.enforce must be one of off, mutations, reads-and-mutations, got "always"',
    );
  });
});
