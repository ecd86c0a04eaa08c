import type { Entity } from '@backstage/catalog-model';
import type { ZodType } from 'zod';
import {
  KUBERNETES_ANNOTATION_NAMESPACE,
  MLOPS_ANNOTATION_BUILD_CONFIG,
  MLOPS_ANNOTATION_CLUSTER,
  MLOPS_ANNOTATION_INFERENCE_SERVICE,
  MLOPS_ANNOTATION_MODEL_NAME,
  MLOPS_ANNOTATION_NAMESPACE,
  MLOPS_ANNOTATION_TRAINING_PIPELINE,
  MLOPS_ANNOTATION_WORKBENCH,
  MLOPS_DEFAULT_TRAINING_PIPELINE,
} from './annotations';
import {
  clusterNameSchema,
  dns1035LabelSchema,
  dns1123LabelSchema,
  dns1123SubdomainSchema,
  labelValueSchema,
} from './kubernetesNames';

/**
 * Where a model's objects live on a cluster, read from its entity's annotations.
 *
 * @public
 */
export interface MlopsModelCoordinates {
  /** Configured cluster name; undefined means "the only configured cluster". */
  cluster?: string;
  /** Namespace of every object below. */
  namespace: string;
  /** Value of the `model-name` label on runs and validation jobs. */
  modelName: string;
  /** Tekton Pipeline that trains the model. */
  trainingPipeline: string;
  /** KServe InferenceService serving the model, when it has one. */
  inferenceService?: string;
  /** OpenShift BuildConfig of the model's validation image, when it has one. */
  buildConfig?: string;
  /** Workbench Notebook, when the model has one. */
  workbench?: string;
}

/**
 * One annotation that is missing or has a value the cluster would reject.
 *
 * @public
 */
export interface MlopsAnnotationProblem {
  /** The annotation key, e.g. `mlops.backstage.io/namespace`. */
  annotation: string;
  /** `missing` when a required annotation is absent, `invalid` when its value is rejected. */
  kind: 'missing' | 'invalid';
  /** What is wrong, in words, e.g. `is missing` or `must be at most 63 characters`. */
  message: string;
}

/**
 * The result of {@link readMlopsCoordinates}: the coordinates, or every problem found.
 *
 * @public
 */
export type MlopsCoordinatesResult =
  | { ok: true; coordinates: MlopsModelCoordinates }
  | { ok: false; problems: MlopsAnnotationProblem[] };

/**
 * Reads a model's cluster coordinates from its annotations, with the defaults of the
 * entity model: namespace falls back to `backstage.io/kubernetes-namespace`, the model
 * name to the entity name, the training pipeline to `model-training-pipeline`. Every
 * value is checked against the naming rules of the object it names, and every problem
 * is reported at once, naming its annotation.
 *
 * @public
 */
export function readMlopsCoordinates(entity: Entity): MlopsCoordinatesResult {
  const annotations = entity.metadata.annotations ?? {};
  const problems: MlopsAnnotationProblem[] = [];

  function read(
    annotation: string,
    schema: ZodType<string>,
    options: {
      fallbackAnnotation?: string;
      defaultValue?: string;
      required?: boolean;
    } = {},
  ): string | undefined {
    const usedAnnotation =
      annotations[annotation] === undefined && options.fallbackAnnotation
        ? options.fallbackAnnotation
        : annotation;
    const raw = annotations[usedAnnotation] ?? options.defaultValue;
    if (raw === undefined) {
      if (options.required) {
        problems.push({ annotation, kind: 'missing', message: 'is missing' });
      }
      return undefined;
    }
    const parsed = schema.safeParse(raw.trim());
    if (!parsed.success) {
      problems.push({
        annotation: usedAnnotation,
        kind: 'invalid',
        message: `${JSON.stringify(raw)} ${parsed.error.issues
          .map(issue => issue.message)
          .join('; ')}`,
      });
      return undefined;
    }
    return parsed.data;
  }

  const coordinates = {
    cluster: read(MLOPS_ANNOTATION_CLUSTER, clusterNameSchema),
    namespace: read(MLOPS_ANNOTATION_NAMESPACE, dns1123LabelSchema, {
      fallbackAnnotation: KUBERNETES_ANNOTATION_NAMESPACE,
      required: true,
    }),
    modelName: read(MLOPS_ANNOTATION_MODEL_NAME, labelValueSchema, {
      defaultValue: entity.metadata.name,
    }),
    trainingPipeline: read(
      MLOPS_ANNOTATION_TRAINING_PIPELINE,
      dns1123SubdomainSchema,
      { defaultValue: MLOPS_DEFAULT_TRAINING_PIPELINE },
    ),
    inferenceService: read(
      MLOPS_ANNOTATION_INFERENCE_SERVICE,
      dns1035LabelSchema,
    ),
    buildConfig: read(MLOPS_ANNOTATION_BUILD_CONFIG, dns1123SubdomainSchema),
    workbench: read(MLOPS_ANNOTATION_WORKBENCH, dns1123LabelSchema),
  };

  if (problems.length > 0) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    coordinates: {
      ...coordinates,
      namespace: coordinates.namespace!,
      modelName: coordinates.modelName!,
      trainingPipeline: coordinates.trainingPipeline!,
    },
  };
}

/**
 * Formats annotation problems as one sentence, for error messages.
 *
 * @public
 */
export function describeAnnotationProblems(
  problems: MlopsAnnotationProblem[],
): string {
  return problems
    .map(p => `annotation ${p.annotation} ${p.message}`)
    .join('; ');
}
