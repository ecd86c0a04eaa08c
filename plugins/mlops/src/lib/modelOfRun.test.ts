import { entity } from '../__testUtils__/fixtures';
import { modelOfRunFinder } from './modelOfRun';

const model = (
  name: string,
  annotations: Record<string, string>,
  type = 'ml-model',
) => entity({ name, annotations, type });

describe('modelOfRunFinder', () => {
  const demo = { 'mlops.backstage.io/namespace': 'mlops-demo' };
  const anomaly = model('anomaly-detector', demo);
  const discovered = model('scorer.team-b.dev', {
    'mlops.backstage.io/namespace': 'team-b',
    'mlops.backstage.io/model-name': 'scorer',
    'mlops.backstage.io/cluster': 'dev',
  });
  const onOtherCluster = model('scorer.team-b.prod', {
    'mlops.backstage.io/namespace': 'team-b',
    'mlops.backstage.io/model-name': 'scorer',
    'mlops.backstage.io/cluster': 'prod',
  });
  const notebook = model('anomaly-notebook', demo, 'notebook');
  const unreadable = model('broken', {
    'mlops.backstage.io/namespace': 'Not_A_Namespace',
  });

  it('finds the model by namespace and model-name label, read like every tab reads it', () => {
    const find = modelOfRunFinder([notebook, unreadable, anomaly, discovered]);
    expect(
      find({ namespace: 'mlops-demo', modelName: 'anomaly-detector' }),
    ).toBe(anomaly);
    expect(find({ namespace: 'team-b', modelName: 'scorer' })).toBe(discovered);
  });

  it('finds nothing for another namespace, an unknown label or a run without one', () => {
    const find = modelOfRunFinder([anomaly, notebook]);
    expect(
      find({ namespace: 'team-b', modelName: 'anomaly-detector' }),
    ).toBeUndefined();
    expect(
      find({ namespace: 'mlops-demo', modelName: 'anomaly-notebook' }),
    ).toBeUndefined();
    expect(find({ namespace: 'mlops-demo' })).toBeUndefined();
  });

  it("skips models of another cluster than the pipeline's", () => {
    const find = modelOfRunFinder([onOtherCluster, discovered], 'dev');
    expect(find({ namespace: 'team-b', modelName: 'scorer' })).toBe(discovered);
    expect(
      modelOfRunFinder(
        [onOtherCluster],
        'dev',
      )({
        namespace: 'team-b',
        modelName: 'scorer',
      }),
    ).toBeUndefined();
  });
});
