import type { MlopsClusterSummary } from '@backstage-mlops/plugin-mlops-common';
import { describeModelCluster } from './describeModelCluster';

function clusters(...names: string[]): MlopsClusterSummary[] {
  return names.map(name => ({ name, authProvider: 'serviceAccount' }));
}

describe('describeModelCluster', () => {
  it('names the annotated cluster, or the configured one', () => {
    expect(describeModelCluster({ cluster: 'prod' }, clusters('dev'))).toBe(
      'prod',
    );
    expect(describeModelCluster({}, clusters('dev'))).toBe(
      'the configured cluster (dev)',
    );
    expect(describeModelCluster({}, [])).toBe('the configured cluster');
  });
});
