/**
 * Annotation keys of the backstage-mlops entity model. Every package reads entity
 * annotations through these constants; none re-declares the strings.
 *
 * @packageDocumentation
 */

/**
 * Namespace on the cluster that holds the model's objects. Required for every cluster
 * feature (Training, Health, actions).
 *
 * @public
 */
export const MLOPS_ANNOTATION_NAMESPACE = 'mlops.backstage.io/namespace';

/**
 * Name of the configured cluster that runs the model. Optional when the portal has
 * exactly one cluster configured.
 *
 * @public
 */
export const MLOPS_ANNOTATION_CLUSTER = 'mlops.backstage.io/cluster';

/**
 * Value of the `model-name` label that training PipelineRuns and NotebookValidationJobs
 * carry (ADR-053). Defaults to the entity's name.
 *
 * @public
 */
export const MLOPS_ANNOTATION_MODEL_NAME = 'mlops.backstage.io/model-name';

/**
 * Name of the KServe InferenceService that serves the model.
 *
 * @public
 */
export const MLOPS_ANNOTATION_INFERENCE_SERVICE =
  'mlops.backstage.io/inference-service';

/**
 * Name of the Tekton Pipeline that trains the model. Defaults to
 * {@link MLOPS_DEFAULT_TRAINING_PIPELINE}.
 *
 * @public
 */
export const MLOPS_ANNOTATION_TRAINING_PIPELINE =
  'mlops.backstage.io/training-pipeline';

/**
 * Name of the OpenShift BuildConfig that bakes the model's notebook dependencies into
 * the validation image (ADR-023).
 *
 * @public
 */
export const MLOPS_ANNOTATION_BUILD_CONFIG = 'mlops.backstage.io/build-config';

/**
 * Name of the `kubeflow.org/v1` Notebook (the workbench, ADR-011) used to develop the
 * model.
 *
 * @public
 */
export const MLOPS_ANNOTATION_WORKBENCH = 'mlops.backstage.io/workbench';

/**
 * Path of a notebook inside its git repository, e.g.
 * `notebooks/02-anomaly-detection/01-train.ipynb` (on `notebook` entities).
 *
 * @public
 */
export const MLOPS_ANNOTATION_NOTEBOOK_PATH =
  'mlops.backstage.io/notebook-path';

/**
 * Git URL of the repository that holds a notebook (on `notebook` entities).
 *
 * @public
 */
export const MLOPS_ANNOTATION_NOTEBOOK_GIT_URL =
  'mlops.backstage.io/notebook-git-url';

/**
 * The Kubernetes plugin's object selector annotation; honoured so the standard
 * Kubernetes tab works on the same entity.
 *
 * @public
 */
export const KUBERNETES_ANNOTATION_ID = 'backstage.io/kubernetes-id';

/**
 * The Kubernetes plugin's namespace annotation; used as the namespace when
 * {@link MLOPS_ANNOTATION_NAMESPACE} is absent.
 *
 * @public
 */
export const KUBERNETES_ANNOTATION_NAMESPACE =
  'backstage.io/kubernetes-namespace';

/**
 * Training pipeline name used when an entity does not name one (ADR-053).
 *
 * @public
 */
export const MLOPS_DEFAULT_TRAINING_PIPELINE = 'model-training-pipeline';

/**
 * Label that ADR-053 puts on training PipelineRuns and validation jobs.
 *
 * @public
 */
export const MLOPS_MODEL_NAME_LABEL = 'model-name';

/**
 * Annotation that backstage-mlops puts on the PipelineRuns it starts for a person (the
 * run-training action): the entity ref of the user who asked, e.g.
 * `user:default/jdoe`. The Training tab shows such runs as triggered by that user.
 *
 * @public
 */
export const MLOPS_ANNOTATION_TRIGGERED_BY = 'mlops.backstage.io/triggered-by';

/**
 * Label that says what started a training PipelineRun (ADR-053): `cronjob` on runs
 * created by the weekly CronJobs; the platform's trigger templates also use
 * `drift-alert`, `webhook` and `user`.
 *
 * @public
 */
export const MLOPS_TRIGGERED_BY_LABEL = 'triggered-by';

/**
 * Annotation of a `kubeflow.org/v1` Notebook that stops the workbench while present
 * (its value is the RFC 3339 time it was stopped); removing it starts the workbench.
 *
 * @public
 */
export const MLOPS_WORKBENCH_STOPPED_ANNOTATION = 'kubeflow-resource-stopped';

/**
 * Annotation of a model entity that chooses which backstage-mlops notifications its
 * owner gets: `off` (none), `all` (the default when absent), or a comma-separated list
 * of the topics to send (see `MLOPS_NOTIFICATION_TOPICS`), e.g.
 * `training-failed, serving-unready, serving-recovered`.
 *
 * @public
 */
export const MLOPS_ANNOTATION_NOTIFICATIONS =
  'mlops.backstage.io/notifications';
