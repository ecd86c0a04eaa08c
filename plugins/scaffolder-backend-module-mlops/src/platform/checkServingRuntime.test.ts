import {
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  MlopsClusterClient,
  MlopsObjectRequest,
} from '@backstage-mlops/plugin-mlops-node';
import { checkServingRuntime } from './checkServingRuntime';

// The decisions on what the API server answers; against the dev cluster (a namespace
// with and without the runtime, the scaffolder identity's RBAC) in
// src/integration/clusterCheck.integration.test.ts.

const WHY = 'a PyTorch model is served as ONNX by OpenVINO Model Server';

/** A client whose getObject answers per plural: an object, or throws. */
function client(answers: Record<string, Error | 'found'>) {
  const getObject = jest.fn(async (request: MlopsObjectRequest) => {
    const answer = answers[request.resource.plural] ?? new NotFoundError('no');
    if (answer === 'found') return { metadata: { name: request.name } };
    throw answer;
  });
  return {
    client: { cluster: 'dev', getObject } as unknown as MlopsClusterClient,
    getObject,
  };
}

describe('checkServingRuntime', () => {
  it('is fine with the runtime in the namespace, without asking cluster-wide', async () => {
    const { client: c, getObject } = client({ servingruntimes: 'found' });
    expect(await checkServingRuntime(c, 'ml', 'kserve-ovms', WHY)).toEqual([]);
    expect(getObject).toHaveBeenCalledTimes(1);
    expect(getObject).toHaveBeenCalledWith({
      resource: {
        group: 'serving.kserve.io',
        version: 'v1alpha1',
        plural: 'servingruntimes',
      },
      namespace: 'ml',
      name: 'kserve-ovms',
    });
  });

  it('is fine with a ClusterServingRuntime of that name', async () => {
    const { client: c, getObject } = client({
      clusterservingruntimes: 'found',
    });
    expect(await checkServingRuntime(c, 'ml', 'kserve-ovms', WHY)).toEqual([]);
    expect(getObject).toHaveBeenLastCalledWith(
      expect.objectContaining({
        resource: expect.objectContaining({ plural: 'clusterservingruntimes' }),
        namespace: undefined,
      }),
    );
  });

  it('names the runtime, the namespace, the cluster and why, when neither exists', async () => {
    const { client: c } = client({});
    expect(await checkServingRuntime(c, 'ml', 'kserve-ovms', WHY)).toEqual([
      `ServingRuntime "kserve-ovms" is not in namespace ml on cluster dev, nor a ClusterServingRuntime of that name: ${WHY}`,
    ]);
  });

  it('counts cluster-wide runtimes it may not read as absent', async () => {
    const { client: c } = client({
      clusterservingruntimes: new NotAllowedError('forbidden'),
    });
    expect(await checkServingRuntime(c, 'ml', 'kserve-ovms', WHY)).toEqual([
      expect.stringMatching(
        /^ServingRuntime "kserve-ovms" is not in namespace/,
      ),
    ]);
  });

  it('says what to grant when the identity may not read runtimes in the namespace', async () => {
    const { client: c } = client({
      servingruntimes: new NotAllowedError('forbidden'),
    });
    expect(await checkServingRuntime(c, 'ml', 'kserve-ovms', WHY)).toEqual([
      `the scaffolder identity may not read ServingRuntime "kserve-ovms" in namespace ml (grant it get on servingruntimes.serving.kserve.io), so it cannot be checked: ${WHY}`,
    ]);
  });

  it('throws what is not an answer about the runtime', async () => {
    const { client: c } = client({
      servingruntimes: new ServiceUnavailableError('down'),
    });
    await expect(
      checkServingRuntime(c, 'ml', 'kserve-ovms', WHY),
    ).rejects.toThrow('down');
  });
});
