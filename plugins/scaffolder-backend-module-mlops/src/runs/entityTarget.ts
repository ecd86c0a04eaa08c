import type { Entity } from '@backstage/catalog-model';
import { assertError, InputError } from '@backstage/errors';
import {
  describeAnnotationProblems,
  MLOPS_ANNOTATION_BUILD_CONFIG,
  MLOPS_ANNOTATION_CLUSTER,
  readMlopsCoordinates,
  type MlopsModelCoordinates,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsClusterRegistry } from '@backstage-mlops/plugin-mlops-node';

/**
 * What a run action would act on, as its input names it: the fields a permission on a
 * model entity must cover.
 *
 * @internal
 */
export interface RunTarget {
  /** The `cluster` input (none: the only configured cluster). */
  cluster?: string;
  /** The `namespace` input. */
  namespace: string;
  /** The `modelName` input, for actions that take one. */
  modelName?: string;
  /** The `pipeline` input of `mlops:training:run`, when given. */
  pipeline?: string;
  /** The `buildConfig` input of `mlops:build:start`. */
  buildConfig?: string;
}

/**
 * Reads the model's coordinates from its entity and checks that the step acts on that
 * model's own objects: the same cluster and namespace, and the model name, training
 * pipeline and BuildConfig its annotations name. A permission on one model must not
 * start runs of another model (of another team) through inputs that name its objects.
 *
 * @returns the entity's coordinates (e.g. its training pipeline, the default of
 *   `pipeline`)
 * @throws InputError naming every input that differs from the entity, or the entity's
 *   annotation that is missing or invalid
 * @internal
 */
export function coordinatesCoveringTarget(
  action: string,
  entityRef: string,
  entity: Entity,
  target: RunTarget,
  clusters: Pick<MlopsClusterRegistry, 'resolveCluster'>,
): MlopsModelCoordinates {
  const read = readMlopsCoordinates(entity);
  if (!read.ok) {
    throw new InputError(
      `${action}: entityRef ${entityRef} does not say where its model runs: ${describeAnnotationProblems(
        read.problems,
      )}`,
    );
  }
  const own = read.coordinates;
  const entityCluster = resolveEntityCluster(action, entityRef, own, clusters);
  const mismatches: string[] = [];
  const compare = (
    field: keyof RunTarget,
    given: string | undefined,
    entityValue: string | undefined,
    what: string,
  ) => {
    if (given === undefined || given === entityValue) return;
    mismatches.push(
      entityValue === undefined
        ? `${field} is ${JSON.stringify(
            given,
          )}, but the entity names no ${what}`
        : `${field} is ${JSON.stringify(
            given,
          )}, but the entity's ${what} is ${JSON.stringify(entityValue)}`,
    );
  };
  compare(
    'cluster',
    clusters.resolveCluster(target.cluster || undefined).name,
    entityCluster,
    'cluster',
  );
  compare('namespace', target.namespace, own.namespace, 'namespace');
  compare('modelName', target.modelName, own.modelName, 'model name');
  compare(
    'pipeline',
    target.pipeline,
    own.trainingPipeline,
    'training pipeline',
  );
  compare(
    'buildConfig',
    target.buildConfig,
    own.buildConfig,
    `BuildConfig (annotation ${MLOPS_ANNOTATION_BUILD_CONFIG})`,
  );
  if (mismatches.length > 0) {
    throw new InputError(
      `${action}: the input does not match entityRef ${entityRef}, whose permission the step checked: ${mismatches.join(
        '; ',
      )}. The step acts only on the objects of that model; nothing was started`,
    );
  }
  return own;
}

function resolveEntityCluster(
  action: string,
  entityRef: string,
  own: MlopsModelCoordinates,
  clusters: Pick<MlopsClusterRegistry, 'resolveCluster'>,
): string {
  try {
    return clusters.resolveCluster(own.cluster).name;
  } catch (error) {
    assertError(error);
    throw new InputError(
      `${action}: entityRef ${entityRef}: the cluster of its annotation ${MLOPS_ANNOTATION_CLUSTER} cannot be used: ${error.message}`,
    );
  }
}
