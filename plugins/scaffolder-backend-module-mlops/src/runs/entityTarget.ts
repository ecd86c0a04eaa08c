import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  MLOPS_ANNOTATION_BUILD_CONFIG,
  type MlopsModelCoordinates,
} from '@backstage-mlops/plugin-mlops-common';
import type {
  MlopsClusterRegistry,
  MlopsEntityResolver,
} from '@backstage-mlops/plugin-mlops-node';

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
 * Resolves the model's entity for a mutation through mlops-node's
 * {@link MlopsEntityResolver} (its coordinates, its configured cluster, and its
 * namespace's allowed owners as `mlops.namespaceOwnership.enforce` asks), and checks
 * that the step acts on that model's own objects: the same cluster and namespace, and
 * the model name, training pipeline and BuildConfig its annotations name. A permission
 * on one model must not start runs of another model (of another team) through inputs
 * that name its objects.
 *
 * @returns the entity's coordinates (e.g. its training pipeline, the default of
 *   `pipeline`)
 * @throws InputError naming every input that differs from the entity, or the entity's
 *   annotation that is missing or invalid
 * @throws NotAllowedError when the entity's namespace does not allow its owner
 * @internal
 */
export async function coordinatesCoveringTarget(
  action: string,
  entityRef: string,
  entity: Entity,
  target: RunTarget,
  deps: {
    clusters: Pick<MlopsClusterRegistry, 'resolveCluster'>;
    entities: Pick<MlopsEntityResolver, 'resolve'>;
  },
): Promise<MlopsModelCoordinates> {
  let resolved;
  try {
    resolved = await deps.entities.resolve(entity, 'mutation');
  } catch (error) {
    if (error instanceof InputError) {
      throw new InputError(`${action}: ${error.message}`);
    }
    throw error;
  }
  const own = resolved.coordinates;
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
    deps.clusters.resolveCluster(target.cluster || undefined).name,
    resolved.cluster.name,
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
