import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { MlopsClusterWriteResult } from '@backstage-mlops/plugin-mlops-node';
import type { ModelTarget } from '../services/ModelAccess';
import { ModelMutations } from '../services/ModelMutations';
import { createRunTrainingAction } from './createRunTrainingAction';

// The actions-registry entry point of run-training takes the same authorization and audit
// path as the action route (ModelMutations): an audit event for every attempt.

const target: ModelTarget = {
  entity: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'churn', namespace: 'default' },
    spec: { type: 'ml-model', owner: 'team-a', lifecycle: 'production' },
  },
  entityRef: 'component:default/churn',
  coordinates: {
    namespace: 'ml',
    modelName: 'churn',
    trainingPipeline: 'model-training-pipeline',
  },
  cluster: { name: 'dev', url: 'https://dev', authProvider: 'serviceAccount' },
};

function setup(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const success = jest.fn(async () => {});
  const fail = jest.fn(async () => {});
  const createEvent = jest.fn(async () => ({ success, fail }));
  const runTraining = jest.fn(
    async (): Promise<MlopsClusterWriteResult> => ({
      kind: 'PipelineRun',
      namespace: 'ml',
      name: 'churn-run-1',
      dryRun: false,
      changed: true,
      params: [],
    }),
  );
  const actionsRegistry = actionsRegistryServiceMock();
  createRunTrainingAction({
    actionsRegistry,
    mutations: ModelMutations.create({
      access: { resolve: async () => target },
      permissions: mockServices.permissions({ result }),
      auditor: mockServices.auditor.mock({ createEvent }),
    }),
    clusterWrites: { runTraining },
  });
  return { actionsRegistry, createEvent, success, fail, runTraining };
}

describe('mlops:run-training', () => {
  it('audits a run started through the actions registry', async () => {
    const { actionsRegistry, createEvent, success, runTraining } = setup(
      AuthorizeResult.ALLOW,
    );
    const result = await actionsRegistry.invoke({
      id: 'test:run-training',
      input: { entityRef: 'component:default/churn' },
      credentials: mockCredentials.user('user:default/alice'),
    });
    expect(result.output).toEqual({
      pipelineRun: 'churn-run-1',
      namespace: 'ml',
      dryRun: false,
      params: [],
    });
    expect(runTraining).toHaveBeenCalledWith(
      expect.objectContaining({ triggeredBy: 'user:default/alice' }),
    );
    expect(createEvent).toHaveBeenCalledWith({
      eventId: 'mlops-action',
      severityLevel: 'medium',
      meta: {
        action: 'run-training',
        entityRef: 'component:default/churn',
        via: 'actions-registry',
      },
    });
    expect(success).toHaveBeenCalledWith({
      meta: {
        object: { kind: 'PipelineRun', namespace: 'ml', name: 'churn-run-1' },
        dryRun: false,
        changed: true,
      },
    });
  });

  it('audits a refusal, and starts nothing', async () => {
    const { actionsRegistry, fail, runTraining } = setup(AuthorizeResult.DENY);
    await expect(
      actionsRegistry.invoke({
        id: 'test:run-training',
        input: { entityRef: 'component:default/churn' },
        credentials: mockCredentials.user('user:default/alice'),
      }),
    ).rejects.toThrow(
      'you may not do this on component:default/churn: permission mlops.training.run is not granted',
    );
    expect(fail).toHaveBeenCalledWith({ error: expect.any(Error) });
    expect(runTraining).not.toHaveBeenCalled();
  });
});
