import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mlopsTrainingRunPermission } from '@backstage-mlops/plugin-mlops-common';
import {
  clusterWriteAudit,
  MlopsModelMutations,
  type MlopsMutationEntryPoint,
  type MlopsMutationTarget,
} from './MlopsModelMutations';
import { recordingAuditor } from '../testUtils/recordingAuditor';

const REF = 'component:default/churn';
const model: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'churn' },
  spec: { type: 'ml-model', owner: 'group:default/team-a' },
};
const user = mockCredentials.user('user:default/jdoe');
const RUN = { kind: 'PipelineRun', namespace: 'retention', name: 'churn-x1' };

function setUp(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockResolvedValue([{ result }]);
  const { auditor, events } = recordingAuditor();
  const mutations = MlopsModelMutations.create({ permissions, auditor });
  const perform = jest.fn(
    async (input: { target: MlopsMutationTarget; triggeredBy: string }) => ({
      value: `started for ${input.triggeredBy}`,
      audit: clusterWriteAudit({ object: RUN, dryRun: false, changed: true }),
    }),
  );
  const runVia = (via: MlopsMutationEntryPoint, entity: Entity = model) =>
    mutations.run(
      {
        action: 'run-training',
        permission: mlopsTrainingRunPermission,
        entityRef: REF,
        credentials: user,
        via,
      },
      { locate: async () => ({ entity, entityRef: REF }), perform },
    );
  return { permissions, events, perform, runVia };
}

const opened = (via: MlopsMutationEntryPoint) => ({
  eventId: 'mlops-action',
  severityLevel: 'medium',
  meta: { action: 'run-training', entityRef: REF, via },
});

describe('MlopsModelMutations', () => {
  describe.each<MlopsMutationEntryPoint>([
    'http',
    'actions-registry',
    'scaffolder',
  ])('through the %s entry point', via => {
    it('performs an allowed change once the permission is granted on the entity, and audits its outcome', async () => {
      const { permissions, events, perform, runVia } = setUp(
        AuthorizeResult.ALLOW,
      );
      await expect(runVia(via)).resolves.toBe('started for user:default/jdoe');
      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: mlopsTrainingRunPermission, resourceRef: REF }],
        { credentials: user },
      );
      expect(perform).toHaveBeenCalledTimes(1);
      expect(events).toEqual([
        {
          opened: opened(via),
          outcome: {
            status: 'succeeded',
            meta: { object: RUN, dryRun: false, changed: true },
          },
        },
      ]);
    });

    it('refuses with NotAllowedError naming the permission, performs nothing, and audits the refusal', async () => {
      const { events, perform, runVia } = setUp(AuthorizeResult.DENY);
      const refusal = await runVia(via).catch(error => error);
      expect(refusal).toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          via === 'scaffolder'
            ? 'run-training: the user who started this task may not act on component:default/churn (permission mlops.training.run denied)'
            : 'you may not do this on component:default/churn: permission mlops.training.run is not granted',
        ),
      });
      expect(perform).not.toHaveBeenCalled();
      expect(events).toEqual([
        {
          opened: opened(via),
          outcome: { status: 'failed', error: refusal },
        },
      ]);
    });
  });

  it('refuses an entity that is not an ml-model Component before asking for the permission', async () => {
    const { permissions, events, perform, runVia } = setUp(
      AuthorizeResult.ALLOW,
    );
    await expect(
      runVia('http', { ...model, spec: { ...model.spec, type: 'service' } }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: 'component:default/churn is not an ml-model Component',
    });
    expect(permissions.authorize).not.toHaveBeenCalled();
    expect(perform).not.toHaveBeenCalled();
    expect(events[0].outcome).toMatchObject({ status: 'failed' });
  });

  it("audits a failure of the input check or of the entry point's lookup, before any permission", async () => {
    const permissions = mockServices.permissions.mock();
    const { auditor, events } = recordingAuditor();
    const mutations = MlopsModelMutations.create({ permissions, auditor });
    const request = {
      action: 'run-training',
      permission: mlopsTrainingRunPermission,
      entityRef: REF,
      credentials: user,
      via: 'http' as const,
    };
    const perform = jest.fn();
    await expect(
      mutations.run(request, {
        check: () => {
          throw new Error('invalid request body: params must be an object');
        },
        locate: async () => ({ entity: model, entityRef: REF }),
        perform,
      }),
    ).rejects.toThrow('params must be an object');
    await expect(
      mutations.run(request, {
        locate: async () => {
          throw new NotFoundError(`no entity ${REF} in the catalog`);
        },
        perform,
      }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(permissions.authorize).not.toHaveBeenCalled();
    expect(perform).not.toHaveBeenCalled();
    expect(events.map(e => e.outcome?.status)).toEqual(['failed', 'failed']);
  });

  it('performs a dry run whose entity is not there yet unchecked, and says so in the audit event', async () => {
    const permissions = mockServices.permissions.mock();
    const { auditor, events } = recordingAuditor();
    const mutations = MlopsModelMutations.create({ permissions, auditor });
    await mutations.run(
      {
        action: 'mlops:training:run',
        permission: mlopsTrainingRunPermission,
        entityRef: REF,
        credentials: user,
        via: 'scaffolder',
      },
      {
        locate: async () => undefined,
        perform: async () => ({
          value: undefined,
          audit: clusterWriteAudit({
            object: { ...RUN, name: '' },
            dryRun: true,
            changed: false,
          }),
        }),
      },
    );
    expect(permissions.authorize).not.toHaveBeenCalled();
    expect(events[0].outcome).toEqual({
      status: 'succeeded',
      meta: {
        object: { ...RUN, name: '' },
        dryRun: true,
        changed: false,
        checked: false,
      },
    });
  });
});
