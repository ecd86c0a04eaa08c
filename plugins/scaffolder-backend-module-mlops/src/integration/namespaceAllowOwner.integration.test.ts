import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';
import yaml from 'yaml';
import { createNamespaceAllowOwnerAction } from '../actions/namespaceAllowOwner';
import { examples } from '../actions/namespaceAllowOwner.examples';
import {
  actionDeps,
  adminClient,
  clusterConfigData,
  DevCluster,
  ensureNamespace,
} from './__testUtils__/devClusterActions';

// mlops:namespace:allow-owner on the dev cluster, as the scaffolder identity: its
// `patch namespaces` and the ValidatingAdmissionPolicy that narrows it to claiming a
// namespace that allows nobody yet (packages/dev-cluster/manifests/rbac).

const ANNOTATION = 'mlops.backstage.io/allowed-owners';
const NAMESPACES = { group: '', version: 'v1', plural: 'namespaces' };
const stamp = Date.now().toString(36);
const unclaimed = `it-allow-owner-free-${stamp}`;
const claimed = `it-allow-owner-taken-${stamp}`;

let cluster: DevCluster;
let deps: ReturnType<typeof actionDeps>;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  const admin = adminClient(cluster);
  await ensureNamespace(admin, unclaimed, null);
  await ensureNamespace(admin, claimed, 'group:default/retention-team');
  deps = actionDeps(cluster);
});

afterAll(async () => {
  await deps?.stop();
  const admin = adminClient(cluster);
  for (const name of [unclaimed, claimed]) {
    await admin
      .request({ method: 'DELETE', path: `/api/v1/namespaces/${name}` })
      .catch(() => undefined);
  }
});

function allowOwner(input: JsonObject, isDryRun = false) {
  const ctx = { ...createMockActionContext({ input }), isDryRun };
  const outputs = () =>
    Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  return createNamespaceAllowOwnerAction(deps)
    .handler(ctx as never)
    .then(outputs);
}

async function annotationOf(namespace: string) {
  const object = await adminClient(cluster).getObject({
    resource: NAMESPACES,
    name: namespace,
  });
  return object.metadata?.annotations?.[ANNOTATION];
}

describe('mlops:namespace:allow-owner on the dev cluster', () => {
  it('runs its documented example: the seeded mlops-demo allows data-science-team, nothing changes', async () => {
    const before = await annotationOf('mlops-demo');
    expect(
      await allowOwner(yaml.parse(examples[0].example).steps[0].input),
    ).toEqual({
      allowedOwners: [
        'group:default/data-science-team',
        'group:default/ml-platform-team',
      ],
      changed: false,
    });
    expect(await annotationOf('mlops-demo')).toBe(before);
  });

  it('claims a namespace that allows nobody yet for the owner (a dry run only checks), then finds it allowed', async () => {
    const input = { namespace: unclaimed, owner: 'team-a' };
    expect(await allowOwner(input, true)).toEqual({
      allowedOwners: ['group:default/team-a'],
      changed: false,
    });
    expect(await annotationOf(unclaimed)).toBeUndefined();

    expect(await allowOwner(input)).toEqual({
      allowedOwners: ['group:default/team-a'],
      changed: true,
    });
    expect(await annotationOf(unclaimed)).toBe('group:default/team-a');

    // A retried step (or a second model of the same team) changes nothing.
    expect(await allowOwner(input)).toEqual({
      allowedOwners: ['group:default/team-a'],
      changed: false,
    });
  });

  it("refuses another team's namespace, naming its owners and the annotation, and leaves it alone", async () => {
    await expect(
      allowOwner({ namespace: claimed, owner: 'group:default/team-a' }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `mlops:namespace:allow-owner: namespace ${claimed} on cluster dev allows group:default/retention-team (its annotation ${ANNOTATION} is "group:default/retention-team"), not group:default/team-a; nothing was created. A cluster admin who agrees adds group:default/team-a to the annotation ${ANNOTATION} of Namespace ${claimed}; or choose a namespace that allows group:default/team-a`,
    });
    expect(await annotationOf(claimed)).toBe('group:default/retention-team');
  });

  it('names a namespace that does not exist', async () => {
    await expect(
      allowOwner({
        namespace: `it-allow-owner-none-${stamp}`,
        owner: 'team-a',
      }),
    ).rejects.toThrow(
      `mlops:namespace:allow-owner: namespace "it-allow-owner-none-${stamp}" does not exist on cluster dev`,
    );
  });

  it("takes the config's allowed owners as the namespace's word: it allows them, and is not claimed", async () => {
    const configured = actionDeps(cluster, {
      mlops: {
        clusters: [
          {
            ...clusterConfigData(cluster).mlops.clusters[0],
            allowedOwners: { [claimed]: ['team-b'] },
          },
        ],
      },
    });
    try {
      const action = createNamespaceAllowOwnerAction(configured);
      const ctx = createMockActionContext({
        input: { namespace: claimed, owner: 'team-b' },
      });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('changed', false);
      expect(ctx.output).toHaveBeenCalledWith('allowedOwners', [
        'group:default/retention-team',
        'group:default/team-b',
      ]);
    } finally {
      await configured.stop();
    }
  });

  describe("the scaffolder identity's namespace patches (admission policy)", () => {
    const scaffolder = () => deps.clients.forCluster('dev');

    it('may not rewrite a namespace that names its allowed owners', async () => {
      await expect(
        scaffolder().patchObject({
          resource: NAMESPACES,
          name: claimed,
          patch: { metadata: { annotations: { [ANNOTATION]: 'team-a' } } },
        }),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          'the namespace already names its allowed owners',
        ),
      });
      expect(await annotationOf(claimed)).toBe('group:default/retention-team');
    });

    it('may not change anything else of a namespace, claimed or not', async () => {
      const free = `it-allow-owner-label-${stamp}`;
      await ensureNamespace(adminClient(cluster), free, null);
      try {
        await expect(
          scaffolder().patchObject({
            resource: NAMESPACES,
            name: free,
            patch: {
              metadata: {
                labels: { 'pod-security.kubernetes.io/enforce': 'privileged' },
                annotations: { [ANNOTATION]: 'team-a' },
              },
            },
          }),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringContaining(
            'may only add the mlops.backstage.io/allowed-owners annotation to a Namespace (labels, spec, finalizers and owners unchanged)',
          ),
        });
        await expect(
          scaffolder().patchObject({
            resource: NAMESPACES,
            name: free,
            patch: { metadata: { annotations: { other: 'x' } } },
          }),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringContaining(
            'may only add the mlops.backstage.io/allowed-owners annotation to a Namespace',
          ),
        });
        expect(await annotationOf(free)).toBeUndefined();
      } finally {
        await adminClient(cluster)
          .request({ method: 'DELETE', path: `/api/v1/namespaces/${free}` })
          .catch(() => undefined);
      }
    });
  });
});
