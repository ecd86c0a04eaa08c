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
import { MODEL_PROJECT_SERVING_RUNTIMES } from './modelProjectRequirements';

// The decisions on what the API server answers; against the dev cluster (a namespace
// with and without the runtimes, the scaffolder identity's RBAC) in
// src/integration/clusterCheck.integration.test.ts.

const { sklearn, xgboost, pytorch } = MODEL_PROJECT_SERVING_RUNTIMES;

/** The runtime as OpenShift AI's mlserver-runtime-template creates it (odh-model-controller config/runtimes/mlserver-template.yaml). */
const MLSERVER = {
  metadata: { name: 'mlserver-runtime' },
  spec: {
    protocolVersions: ['v2'],
    supportedModelFormats: [
      { name: 'sklearn', version: '0' },
      { name: 'sklearn', version: '1' },
      { name: 'xgboost', version: '1' },
      { name: 'xgboost', version: '2' },
    ],
  },
};

/** A client whose getObject answers per plural: an object, or throws. */
function client(answers: Record<string, Error | object>) {
  const getObject = jest.fn(async (request: MlopsObjectRequest) => {
    const answer = answers[request.resource.plural] ?? new NotFoundError('no');
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return {
    client: { cluster: 'dev', getObject } as unknown as MlopsClusterClient,
    getObject,
  };
}

describe('checkServingRuntime', () => {
  it('is fine with a runtime in the namespace that serves the format over v2, without asking cluster-wide', async () => {
    const { client: c, getObject } = client({ servingruntimes: MLSERVER });
    expect(await checkServingRuntime(c, 'ml', sklearn)).toEqual([]);
    expect(await checkServingRuntime(c, 'ml', xgboost)).toEqual([]);
    expect(getObject).toHaveBeenCalledTimes(2);
    expect(getObject).toHaveBeenCalledWith({
      resource: {
        group: 'serving.kserve.io',
        version: 'v1alpha1',
        plural: 'servingruntimes',
      },
      namespace: 'ml',
      name: 'mlserver-runtime',
    });
  });

  it('is fine with a ClusterServingRuntime of that name', async () => {
    const { client: c, getObject } = client({
      clusterservingruntimes: MLSERVER,
    });
    expect(await checkServingRuntime(c, 'ml', sklearn)).toEqual([]);
    expect(getObject).toHaveBeenLastCalledWith(
      expect.objectContaining({
        resource: expect.objectContaining({ plural: 'clusterservingruntimes' }),
        namespace: undefined,
      }),
    );
  });

  it('names the field, the runtime, where it looked and how to create it, when neither exists', async () => {
    const { client: c } = client({});
    expect(await checkServingRuntime(c, 'ml', sklearn)).toEqual([
      'framework sklearn: MLServer serves it with ServingRuntime "mlserver-runtime", which is not in namespace ml on cluster dev, nor a ClusterServingRuntime of that name: an admin creates it from OpenShift AI\'s template (oc process -n redhat-ods-applications mlserver-runtime-template | oc apply -n ml -f -), or choose another framework',
    ]);
    expect(await checkServingRuntime(c, 'ml', pytorch)).toEqual([
      expect.stringMatching(
        /^framework pytorch: OpenVINO Model Server \(the model is exported to ONNX\) serves it with ServingRuntime "kserve-ovms", which is not in namespace ml .*oc process -n redhat-ods-applications kserve-ovms \| oc apply -n ml -f -/,
      ),
    ]);
  });

  it.each([
    [
      { ...MLSERVER, spec: { ...MLSERVER.spec, disabled: true } },
      'it is disabled (spec.disabled)',
    ],
    [
      {
        ...MLSERVER,
        spec: {
          ...MLSERVER.spec,
          supportedModelFormats: [{ name: 'xgboost', version: '1' }],
        },
      },
      'it does not list model format xgboost version 2 in spec.supportedModelFormats',
    ],
    [
      {
        ...MLSERVER,
        spec: { supportedModelFormats: MLSERVER.spec.supportedModelFormats },
      },
      'it does not speak the KServe v2 protocol (spec.protocolVersions)',
    ],
  ])('names what a found runtime lacks (%#)', async (found, why) => {
    const { client: c } = client({ servingruntimes: found });
    expect(await checkServingRuntime(c, 'ml', xgboost)).toEqual([
      `framework xgboost: MLServer serves it with ServingRuntime "mlserver-runtime" (found in namespace ml), but ${why}`,
    ]);
  });

  it('counts cluster-wide runtimes it may not read as absent', async () => {
    const { client: c } = client({
      clusterservingruntimes: new NotAllowedError('forbidden'),
    });
    expect(await checkServingRuntime(c, 'ml', pytorch)).toEqual([
      expect.stringMatching(/, which is not in namespace ml on cluster dev/),
    ]);
  });

  it('says what to grant when the identity may not read runtimes in the namespace', async () => {
    const { client: c } = client({
      servingruntimes: new NotAllowedError('forbidden'),
    });
    expect(await checkServingRuntime(c, 'ml', pytorch)).toEqual([
      'framework pytorch: OpenVINO Model Server (the model is exported to ONNX) serves it with ServingRuntime "kserve-ovms", which the scaffolder identity may not read in namespace ml (grant it get on servingruntimes.serving.kserve.io), so it cannot be checked',
    ]);
  });

  it('throws what is not an answer about the runtime', async () => {
    const { client: c } = client({
      servingruntimes: new ServiceUnavailableError('down'),
    });
    await expect(checkServingRuntime(c, 'ml', sklearn)).rejects.toThrow('down');
  });
});
