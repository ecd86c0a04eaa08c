import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { DefaultMlopsClusterRegistry } from '@backstage-mlops/plugin-mlops-node';
import { entityResolver } from '../__testUtils__/entityResolver';
import { coordinatesCoveringTarget, type RunTarget } from './entityTarget';

const ACTION = 'mlops:training:run';
const REF = 'component:default/churn';

function config(names: string[]) {
  return new ConfigReader({
    mlops: {
      clusters: names.map(name => ({ name, url: 'https://127.0.0.1:1' })),
    },
  });
}

function model(annotations: Record<string, string>, owner = 'team-a'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'churn', annotations },
    spec: { type: 'ml-model', owner: `group:default/${owner}` },
  };
}

const churn = model({
  'mlops.backstage.io/cluster': 'prod',
  'mlops.backstage.io/namespace': 'retention',
  'mlops.backstage.io/model-name': 'churn-predictor',
  'mlops.backstage.io/training-pipeline': 'churn-training-pipeline',
  'mlops.backstage.io/build-config': 'churn-notebook',
});

/** The check for the training action on component:default/churn; retention allows team-a. */
function check(entity: Entity, target: RunTarget, clusters: string[]) {
  const c = config(clusters);
  return coordinatesCoveringTarget(ACTION, REF, entity, target, {
    clusters: DefaultMlopsClusterRegistry.fromConfig(c),
    entities: entityResolver(c, {
      retention: { 'mlops.backstage.io/allowed-owners': 'team-a' },
    }),
  });
}

describe('coordinatesCoveringTarget', () => {
  it("returns the entity's coordinates when the input names its own objects", async () => {
    await expect(
      check(
        churn,
        {
          cluster: 'prod',
          namespace: 'retention',
          modelName: 'churn-predictor',
          pipeline: 'churn-training-pipeline',
          buildConfig: 'churn-notebook',
        },
        ['dev', 'prod'],
      ),
    ).resolves.toEqual(
      expect.objectContaining({
        cluster: 'prod',
        namespace: 'retention',
        modelName: 'churn-predictor',
        trainingPipeline: 'churn-training-pipeline',
        buildConfig: 'churn-notebook',
      }),
    );
  });

  it('names every input that is not the entity’s, in one InputError', async () => {
    await expect(
      check(
        churn,
        {
          cluster: 'dev',
          namespace: 'payments',
          modelName: 'fraud',
          pipeline: 'fraud-training-pipeline',
          buildConfig: 'fraud-notebook',
        },
        ['dev', 'prod'],
      ),
    ).rejects.toThrow(
      'mlops:training:run: the input does not match entityRef component:default/churn, whose permission the step checked: ' +
        'cluster is "dev", but the entity\'s cluster is "prod"; ' +
        'namespace is "payments", but the entity\'s namespace is "retention"; ' +
        'modelName is "fraud", but the entity\'s model name is "churn-predictor"; ' +
        'pipeline is "fraud-training-pipeline", but the entity\'s training pipeline is "churn-training-pipeline"; ' +
        'buildConfig is "fraud-notebook", but the entity\'s BuildConfig (annotation mlops.backstage.io/build-config) is "churn-notebook". ' +
        'The step acts only on the objects of that model; nothing was started',
    );
  });

  it('compares the cluster the input and the entity mean when either leaves it out (the only configured one)', async () => {
    const noCluster = model({ 'mlops.backstage.io/namespace': 'retention' });
    expect(
      (
        await check(noCluster, { cluster: 'dev', namespace: 'retention' }, [
          'dev',
        ])
      ).namespace,
    ).toBe('retention');
    await expect(
      check(churn, { namespace: 'retention' }, ['prod']),
    ).resolves.toBeDefined();
  });

  it('refuses a BuildConfig when the entity names none', async () => {
    await expect(
      check(
        model({ 'mlops.backstage.io/namespace': 'retention' }),
        { namespace: 'retention', buildConfig: 'churn-notebook' },
        ['dev'],
      ),
    ).rejects.toThrow(
      'buildConfig is "churn-notebook", but the entity names no BuildConfig (annotation mlops.backstage.io/build-config)',
    );
  });

  it('names the annotation when the entity does not say where the model runs', async () => {
    await expect(
      check(model({}), { namespace: 'retention' }, ['dev']),
    ).rejects.toThrow(
      'mlops:training:run: component:default/churn: annotation mlops.backstage.io/namespace is missing',
    );
    await expect(
      check(churn, { namespace: 'retention' }, ['dev']),
    ).rejects.toThrow(
      'mlops:training:run: component:default/churn: annotation mlops.backstage.io/cluster: cluster "prod" is not configured; configured clusters: dev',
    );
  });

  it('refuses an entity whose namespace does not allow its owner, even when the input matches it', async () => {
    const otherTeams = model(
      { 'mlops.backstage.io/namespace': 'retention' },
      'team-b',
    );
    const refused = check(otherTeams, { namespace: 'retention' }, ['dev']);
    await expect(refused).rejects.toThrow(NotAllowedError);
    await expect(refused).rejects.toThrow(
      'component:default/churn may not act on the objects of namespace retention on cluster dev: the namespace does not allow its owner group:default/team-b',
    );
  });
});
