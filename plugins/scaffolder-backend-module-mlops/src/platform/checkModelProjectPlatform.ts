import { assertError } from '@backstage/errors';
import type { MlopsClusterClient } from '@backstage-mlops/plugin-mlops-node';
import { checkAccess } from './checkAccess';
import { checkNamespace } from './checkNamespace';
import { checkServedApis } from './checkServedApis';
import { checkServingRuntime } from './checkServingRuntime';
import { checkStorage, type ModelVolumeRequest } from './checkStorage';
import {
  EVENTLISTENER_CLUSTER_ROLE,
  MODEL_PROJECT_ACCESS,
  MODEL_PROJECT_APIS,
  MODEL_PROJECT_SERVING_RUNTIMES,
  type ModelFramework,
} from './modelProjectRequirements';

/**
 * What {@link checkModelProjectPlatform} looked at.
 *
 * @public
 */
export interface ModelProjectPlatformReport {
  problems: string[];
  /** `group/version` of every API checked. */
  apis: string[];
  /** How many access reviews were made. */
  accessReviews: number;
}

/**
 * Every platform pre-check of a new model project on one cluster, as the client's
 * identity: the APIs are served, the namespace exists, the identity may create (and
 * grant) everything the template creates; with `framework`, the ServingRuntime its
 * InferenceService names exists and serves the model; with `storage`, the model
 * volume's storage class and access mode can be provided. Never throws for a missing
 * piece: each becomes one line of `problems`; an unreachable cluster is one problem
 * too.
 *
 * @public
 */
export async function checkModelProjectPlatform(
  client: MlopsClusterClient,
  namespace: string,
  log: (message: string) => void = () => {},
  options: { framework?: ModelFramework; storage?: ModelVolumeRequest } = {},
): Promise<ModelProjectPlatformReport> {
  const serving = options.framework
    ? MODEL_PROJECT_SERVING_RUNTIMES[options.framework]
    : undefined;
  const { storage } = options;
  const accessReviews =
    MODEL_PROJECT_ACCESS.reduce((n, a) => n + a.verbs.length, 0) + 1;
  log(
    `cluster ${client.cluster}: checking ${
      MODEL_PROJECT_APIS.length
    } APIs, namespace ${namespace}${
      serving ? `, ServingRuntime ${serving.runtime}` : ''
    }${
      storage
        ? `, ${storage.accessMode} volumes of ${
            storage.storageClassName
              ? `StorageClass ${storage.storageClassName}`
              : 'the default StorageClass'
          }`
        : ''
    } and ${accessReviews} permissions of the scaffolder identity`,
  );
  try {
    const [apis, ns, access, runtime, volumes] = await Promise.all([
      checkServedApis(client, MODEL_PROJECT_APIS),
      checkNamespace(client, namespace),
      checkAccess(client, namespace, MODEL_PROJECT_ACCESS, [
        {
          group: 'rbac.authorization.k8s.io',
          resource: 'clusterroles',
          verb: 'bind',
          name: EVENTLISTENER_CLUSTER_ROLE,
        },
      ]),
      serving ? checkServingRuntime(client, namespace, serving) : [],
      storage ? checkStorage(client, storage) : [],
    ]);
    return {
      problems: [
        ...apis,
        ...ns,
        ...access.map(p => `the scaffolder identity ${p}`),
        // A missing namespace says it all; no runtime can be in it.
        ...(ns.length ? [] : runtime),
        ...volumes,
      ],
      apis: MODEL_PROJECT_APIS.map(a => a.groupVersion),
      accessReviews,
    };
  } catch (error) {
    assertError(error);
    return {
      problems: [
        `cluster ${client.cluster} could not be checked: ${error.message}`,
      ],
      apis: [],
      accessReviews: 0,
    };
  }
}
