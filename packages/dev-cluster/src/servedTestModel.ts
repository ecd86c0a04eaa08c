import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { DevCluster, type DevClusterServiceResponse } from './DevCluster';

const execFileAsync = promisify(execFile);

/**
 * A model that an executing dev cluster serves with MLServer, made by
 * {@link serveTestModel}.
 *
 * @public
 */
export interface DevClusterTestModel {
  /** The InferenceService (and the model's name in MLServer). */
  name: string;
  namespace: string;
  /** One KServe v2 inference request of one row through the cluster's service network. */
  infer(features: number[]): Promise<DevClusterServiceResponse>;
  /** Deletes the InferenceService (its server stops). */
  delete(): Promise<void>;
}

const KSERVE = {
  group: 'serving.kserve.io',
  version: 'v1beta1',
  plural: 'inferenceservices',
};

/**
 * Serves a tiny scikit-learn classifier of two features for tests: trains it with
 * the model servers' Python into `<claim>/<name>` of the namespace's volume and
 * creates an InferenceService on the `mlserver-runtime` ServingRuntime of the demo
 * namespaces, as the New ML model template's serving does. The server starts in
 * the background; `infer` answers 502 until it is ready. Needs an executing cluster
 * and python3 (see {@link DevCluster.pythonAvailable}).
 *
 * @public
 */
export async function serveTestModel(
  cluster: DevCluster,
  options: { namespace: string; claim: string; name: string },
): Promise<DevClusterTestModel> {
  const { namespace, claim, name } = options;
  const platformDir = cluster.state.platformDir;
  if (!platformDir) {
    throw new Error('this dev cluster executes nothing: it serves no models');
  }
  const python = join(await DevCluster.servingPythonDir(), 'bin', 'python');
  const dir = join(platformDir, 'volumes', namespace, claim, name);
  await mkdir(dir, { recursive: true });
  await execFileAsync(python, [
    '-c',
    'import sys, joblib; from sklearn.linear_model import LogisticRegression; ' +
      'joblib.dump(LogisticRegression().fit([[0,0],[1,1],[0,1],[1,0]],[0,1,0,1]), sys.argv[1])',
    join(dir, 'model.joblib'),
  ]);
  const admin = cluster.kubeConfig('admin').makeApiClient(CustomObjectsApi);
  await admin.createNamespacedCustomObject({
    ...KSERVE,
    namespace,
    body: {
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: {
        name,
        labels: { modelClass: 'mlserver_sklearn.SKLearnModel' },
        annotations: { 'serving.kserve.io/deploymentMode': 'RawDeployment' },
      },
      spec: {
        predictor: {
          model: {
            modelFormat: { name: 'sklearn', version: '1' },
            runtime: 'mlserver-runtime',
            protocolVersion: 'v2',
            storageUri: `pvc://${claim}/${name}`,
          },
        },
      },
    },
  });
  return {
    name,
    namespace,
    infer: features =>
      cluster.serviceRequest(
        `http://${name}-predictor.${namespace}.svc.cluster.local/v2/models/${name}/infer`,
        {
          body: {
            inputs: [
              {
                name: 'input',
                shape: [1, features.length],
                datatype: 'FP64',
                data: features,
              },
            ],
          },
        },
      ),
    delete: async () => {
      await admin
        .deleteNamespacedCustomObject({ ...KSERVE, namespace, name })
        .catch(() => undefined);
    },
  };
}
