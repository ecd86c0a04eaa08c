import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mlopsTrainingRunPermission } from '@backstage-mlops/plugin-mlops-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { scaffolderClusters } from '../__testUtils__/clusters';
import { entityResolver } from '../__testUtils__/entityResolver';
import { recordingAuditor } from '@backstage-mlops/plugin-mlops-node/testUtils';
import {
  startAsInitiator,
  type InitiatorAccessOptions,
  type InitiatorMutationRequest,
} from './initiatorAccess';

const REF = 'component:default/churn';
const model: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'churn',
    annotations: {
      'mlops.backstage.io/namespace': 'retention',
      'mlops.backstage.io/training-pipeline': 'churn-training-pipeline',
    },
  },
  spec: { type: 'ml-model', owner: 'group:default/team-a' },
};
const request = {
  action: 'mlops:training:run',
  permission: mlopsTrainingRunPermission,
  entityRef: REF,
  target: { namespace: 'retention', modelName: 'churn' },
};
const { config, registry: clusters } = scaffolderClusters([
  { name: 'dev', url: 'https://127.0.0.1:1' },
]);
/** Namespace retention allows team-a, the model's owner. */
const entities = entityResolver(clusters, config, {
  retention: { 'mlops.backstage.io/allowed-owners': 'group:default/team-a' },
});
const user = mockCredentials.user('user:default/jdoe');

function context(isDryRun = false) {
  const ctx = createMockActionContext({
    input: {},
    logger: mockServices.logger.mock(),
  });
  return {
    ...ctx,
    isDryRun,
    getInitiatorCredentials: jest.fn(async () => user),
  };
}

function permissionsAnswering(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockResolvedValue([{ result }]);
  return permissions;
}

/** What the check takes: a user allowed to act, the model in the catalog, unless overridden. */
function access(
  overrides: Partial<InitiatorAccessOptions> = {},
): InitiatorAccessOptions {
  return {
    permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    auditor: recordingAuditor().auditor,
    clusters,
    entities,
    catalog: catalogServiceMock({ entities: [model] }),
    ...overrides,
  };
}

/** The run a started step reports (its start only records the model it got). */
const RUN = { kind: 'PipelineRun', namespace: 'retention', name: 'churn-x1' };

/** Runs a step through the check; resolves to the coordinates its start got. */
function assertInitiatorMayAct(
  ctx: ReturnType<typeof context>,
  options: InitiatorAccessOptions,
  req: InitiatorMutationRequest,
) {
  return startAsInitiator(ctx, options, req, async coordinates => ({
    value: coordinates,
    object: RUN,
  }));
}

describe('startAsInitiator', () => {
  it("asks the permission framework with the task user's credentials and the model as resource", async () => {
    const permissions = permissionsAnswering(AuthorizeResult.ALLOW);
    await assertInitiatorMayAct(context(), access({ permissions }), request);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: mlopsTrainingRunPermission, resourceRef: REF }],
      { credentials: user },
    );
  });

  it('refuses with NotAllowedError naming the model and the permission', async () => {
    await expect(
      assertInitiatorMayAct(
        context(),
        access({ permissions: permissionsAnswering(AuthorizeResult.DENY) }),
        request,
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'mlops:training:run: the user who started this task may not act on component:default/churn (permission mlops.training.run denied); nothing was started, and someone allowed to act on the model (e.g. a member of its owner) can do it from its page in the portal',
    });
  });

  it('reads the catalog as the task user', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => model),
    });
    await assertInitiatorMayAct(context(), access({ catalog }), request);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(REF, {
      credentials: user,
    });
  });

  it('waits for a model an earlier step registered, then checks it', async () => {
    const getEntityByRef = jest
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce(undefined)
      .mockResolvedValue(model);
    const permissions = permissionsAnswering(AuthorizeResult.ALLOW);
    const ctx = context();
    await assertInitiatorMayAct(
      ctx,
      access({
        permissions,
        catalog: catalogServiceMock.mock({ getEntityByRef }),
        entityWaitMs: 10_000,
      }),
      request,
    );
    expect(getEntityByRef).toHaveBeenCalledTimes(3);
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^waiting for component:default\/churn to be in the catalog/,
      ),
    );
  });

  it('fails with NotFoundError once the wait is over, without asking for the permission', async () => {
    const permissions = permissionsAnswering(AuthorizeResult.ALLOW);
    await expect(
      assertInitiatorMayAct(
        context(),
        access({
          permissions,
          catalog: catalogServiceMock(),
          entityWaitMs: 1500,
        }),
        request,
      ),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringMatching(
        /^mlops:training:run: entityRef component:default\/churn is not in the catalog \(waited 2 s\), so the mlops.training.run permission cannot be checked/,
      ),
    });
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('on a dry run, checks a model that is there and leaves one that is not to the real run', async () => {
    const denied = permissionsAnswering(AuthorizeResult.DENY);
    await expect(
      assertInitiatorMayAct(
        context(true),
        access({ permissions: denied }),
        request,
      ),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });

    const ctx = context(true);
    const started = Date.now();
    await assertInitiatorMayAct(
      ctx,
      access({ permissions: denied, catalog: catalogServiceMock() }),
      request,
    );
    expect(Date.now() - started).toBeLessThan(500);
    expect(denied.authorize).toHaveBeenCalledTimes(1);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      'dry run: component:default/churn is not in the catalog yet, so the mlops.training.run permission is checked by the real run',
    );
  });

  it("returns the model's coordinates once allowed, for defaults such as its training pipeline", async () => {
    await expect(
      assertInitiatorMayAct(context(), access(), request),
    ).resolves.toEqual(
      expect.objectContaining({
        namespace: 'retention',
        modelName: 'churn',
        trainingPipeline: 'churn-training-pipeline',
      }),
    );
  });

  it("refuses, even when allowed, a step whose input names another model's objects", async () => {
    await expect(
      assertInitiatorMayAct(context(), access(), {
        ...request,
        target: { namespace: 'payments', modelName: 'fraud' },
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'namespace is "payments", but the entity\'s namespace is "retention"; modelName is "fraud", but the entity\'s model name is "churn"',
      ),
    });
  });

  it('records an allowed step as an mlops-action audit event via the scaffolder, with the run it started', async () => {
    const { auditor, events } = recordingAuditor();
    await assertInitiatorMayAct(context(), access({ auditor }), request);
    expect(events).toEqual([
      {
        opened: {
          eventId: 'mlops-action',
          severityLevel: 'medium',
          meta: {
            action: 'mlops:training:run',
            entityRef: REF,
            via: 'scaffolder',
          },
        },
        outcome: {
          status: 'succeeded',
          meta: { object: RUN, dryRun: false, changed: true },
        },
      },
    ]);
  });

  it('records a refused step as a failed audit event, and starts nothing', async () => {
    const { auditor, events } = recordingAuditor();
    const start = jest.fn();
    await expect(
      startAsInitiator(
        context(),
        access({
          auditor,
          permissions: permissionsAnswering(AuthorizeResult.DENY),
        }),
        request,
        start,
      ),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(start).not.toHaveBeenCalled();
    expect(events).toEqual([
      expect.objectContaining({
        opened: expect.objectContaining({
          meta: expect.objectContaining({ via: 'scaffolder' }),
        }),
        outcome: {
          status: 'failed',
          error: expect.objectContaining({
            name: 'NotAllowedError',
            message: expect.stringContaining('mlops.training.run'),
          }),
        },
      }),
    ]);
  });

  it('refuses an entity that is not an ml-model Component', async () => {
    const service: Entity = {
      ...model,
      spec: { ...model.spec, type: 'service' },
    };
    await expect(
      assertInitiatorMayAct(
        context(),
        access({ catalog: catalogServiceMock({ entities: [service] }) }),
        request,
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: 'component:default/churn is not an ml-model Component',
    });
  });

  it('starts at once, with no model and no audit event, without an entityRef', async () => {
    const { auditor, events } = recordingAuditor();
    const permissions = permissionsAnswering(AuthorizeResult.DENY);
    await expect(
      assertInitiatorMayAct(context(), access({ auditor, permissions }), {
        ...request,
        entityRef: undefined,
      }),
    ).resolves.toBeUndefined();
    expect(permissions.authorize).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });
});
