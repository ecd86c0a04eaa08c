import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  type Entity,
} from '@backstage/catalog-model';
import {
  KUBERNETES_ANNOTATION_NAMESPACE,
  MLOPS_ANNOTATION_BUILD_CONFIG,
  MLOPS_ANNOTATION_CLUSTER,
  MLOPS_ANNOTATION_INFERENCE_SERVICE,
  MLOPS_ANNOTATION_MODEL_NAME,
  MLOPS_ANNOTATION_NAMESPACE,
  MLOPS_ANNOTATION_NOTEBOOK_GIT_URL,
  MLOPS_ANNOTATION_NOTEBOOK_PATH,
  MLOPS_ANNOTATION_TRAINING_PIPELINE,
  MLOPS_ANNOTATION_WORKBENCH,
  MLOPS_DISCOVERY_LOCATION_PREFIX,
  MLOPS_ENTITY_TYPE_MODEL,
  MLOPS_ENTITY_TYPE_NOTEBOOK,
  MLOPS_ENTITY_TYPE_PIPELINE,
  MLOPS_MODEL_NAME_LABEL,
  labelValueSchema,
  parseAllowedOwners,
} from '@backstage-mlops/plugin-mlops-common';
import {
  trainingPipelineOf,
  type SlimBuildConfig,
  type SlimInferenceService,
  type SlimNotebookValidationJob,
  type SlimObjectMeta,
  type SlimPipeline,
  type SlimPipelineRun,
  type SlimWorkbench,
} from '@backstage-mlops/plugin-mlops-node';
import { discoveredEntityName } from './discoveredEntityName';
import { coordinateKey } from './handWrittenKeys';
import {
  describedBy,
  isDiscovered,
  type LabelledMeta,
} from './objectDiscovery';

/**
 * The cached objects of one namespace of one cluster that discovery looks at.
 *
 * @internal
 */
export interface NamespaceObjects {
  cluster: string;
  namespace: string;
  /** Labels and annotations of the Namespace object, when known. */
  namespaceMeta?: LabelledMeta;
  inferenceServices: SlimInferenceService[];
  pipelineRuns: SlimPipelineRun[];
  validationJobs: SlimNotebookValidationJob[];
  pipelines: SlimPipeline[];
  buildConfigs: SlimBuildConfig[];
  workbenches: SlimWorkbench[];
}

/**
 * The objects of a namespace before any is added: every list empty.
 *
 * @internal
 */
export function emptyNamespaceObjects(
  cluster: string,
  namespace: string,
): NamespaceObjects {
  return {
    cluster,
    namespace,
    inferenceServices: [],
    pipelineRuns: [],
    validationJobs: [],
    pipelines: [],
    buildConfigs: [],
    workbenches: [],
  };
}

/**
 * What building entities needs besides the objects.
 *
 * @internal
 */
export interface BuildEntitiesContext {
  mode: 'opt-out' | 'opt-in';
  defaults: { owner: string; lifecycle: string; system?: string };
  /** The ref of a hand-written entity with this coordinate key (any of them), if any. */
  handWritten(keys: string[]): string | undefined;
  /**
   * The owners the namespace allows (normalized refs: its
   * `mlops.backstage.io/allowed-owners` annotation and the cluster's config), from
   * mlops-node's entity resolver. Without it, entities keep the owner their objects
   * name (and the namespace check may refuse them).
   */
  allowedOwners?(namespaceMeta: LabelledMeta | undefined): string[];
}

/**
 * The owner of a discovered entity, allowed by its namespace by construction: the
 * owner its objects (or the namespace, or the default) name when the namespace allows
 * it, else the first owner the namespace allows; when it allows nobody, the one named.
 */
function allowedOwner(named: string, allowed: string[]): string {
  if (allowed.length === 0) return named;
  const [ref] = parseAllowedOwners([named]).owners;
  return ref && allowed.includes(ref) ? named : allowed[0];
}

interface ModelSources {
  name: string;
  inferenceServices: SlimInferenceService[];
  runs: SlimPipelineRun[];
  validationJobs: SlimNotebookValidationJob[];
}

const byName = (a: { metadata: SlimObjectMeta }, b: typeof a) =>
  a.metadata.name.localeCompare(b.metadata.name);
const newestFirst = (a: { metadata: SlimObjectMeta }, b: typeof a) =>
  (b.metadata.creationTimestamp ?? '').localeCompare(
    a.metadata.creationTimestamp ?? '',
  ) || byName(a, b);

/**
 * Reads the `model-name` label of objects, checking each distinct value once: a
 * namespace's hundreds of runs and validation jobs share a few dozen model names.
 */
function modelLabelReader(): (meta: SlimObjectMeta) => string | undefined {
  const valid = new Map<string, boolean>();
  return meta => {
    const value = meta.labels?.[MLOPS_MODEL_NAME_LABEL];
    if (!value) return undefined;
    let ok = valid.get(value);
    if (ok === undefined) {
      ok = labelValueSchema.safeParse(value).success;
      valid.set(value, ok);
    }
    return ok ? value : undefined;
  };
}

function groupByModel(objects: NamespaceObjects): ModelSources[] {
  const modelLabel = modelLabelReader();
  const models = new Map<string, ModelSources>();
  const model = (name: string) => {
    let sources = models.get(name);
    if (!sources) {
      sources = { name, inferenceServices: [], runs: [], validationJobs: [] };
      models.set(name, sources);
    }
    return sources;
  };
  for (const isvc of objects.inferenceServices) {
    model(
      modelLabel(isvc.metadata) ?? isvc.metadata.name,
    ).inferenceServices.push(isvc);
  }
  for (const run of objects.pipelineRuns) {
    const name = modelLabel(run.metadata);
    if (name) model(name).runs.push(run);
  }
  for (const job of objects.validationJobs) {
    const name = modelLabel(job.metadata);
    if (name) model(name).validationJobs.push(job);
  }
  return [...models.values()]
    .map(m => ({
      ...m,
      inferenceServices: [...m.inferenceServices].sort(byName),
      runs: [...m.runs].sort(newestFirst),
      validationJobs: [...m.validationJobs].sort(newestFirst),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Per `model-name` label value, the object with that label whose name sorts first. */
function firstLabelled<T extends { metadata: SlimObjectMeta }>(
  objects: T[],
): Map<string, T> {
  const out = new Map<string, T>();
  for (const object of objects) {
    const model = object.metadata.labels?.[MLOPS_MODEL_NAME_LABEL];
    if (model === undefined) continue;
    const current = out.get(model);
    if (!current || byName(object, current) < 0) out.set(model, object);
  }
  return out;
}

/**
 * Turns the objects of one namespace into catalog entities of the entity model:
 *
 * - a model (`Component`/`ml-model`) per InferenceService (its `model-name` label, else
 *   its name) and per `model-name` label on PipelineRuns and NotebookValidationJobs;
 * - a training pipeline (`Resource`/`ml-pipeline`) per Tekton Pipeline that a model's
 *   runs use, which the model `dependsOn`;
 * - a notebook (`Component`/`notebook`, `subcomponentOf` its model) per notebook path
 *   of a model's validation jobs.
 *
 * A thing a hand-written entity already describes (same coordinates) is not emitted;
 * relations point at the hand-written entity instead. Every entity's owner is one the
 * namespace allows (the context's `allowedOwners`), so it may use its namespace.
 *
 * @internal
 */
export function buildNamespaceEntities(
  objects: NamespaceObjects,
  context: BuildEntitiesContext,
): Entity[] {
  const { cluster, namespace, namespaceMeta } = objects;
  const location = `${MLOPS_DISCOVERY_LOCATION_PREFIX}${cluster}`;
  const managed = {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [MLOPS_ANNOTATION_CLUSTER]: cluster,
    [MLOPS_ANNOTATION_NAMESPACE]: namespace,
  };
  const entities: Entity[] = [];
  const pipelinesByName = new Map(
    objects.pipelines.map(p => [p.metadata.name, p]),
  );
  const emittedPipelines = new Map<string, string>();
  const buildConfigs = firstLabelled(objects.buildConfigs);
  const workbenches = firstLabelled(objects.workbenches);
  const allowed = context.allowedOwners?.(namespaceMeta) ?? [];

  const pipelineRef = (name: string, model: ReturnType<typeof describedBy>) => {
    const handWritten = context.handWritten([
      coordinateKey.pipeline(cluster, namespace, name),
    ]);
    if (handWritten) return handWritten;
    const pipeline = pipelinesByName.get(name);
    if (!pipeline || !isDiscovered([pipeline.metadata], undefined, 'opt-out')) {
      return undefined;
    }
    let ref = emittedPipelines.get(name);
    if (!ref) {
      const entityName = discoveredEntityName([name, namespace, cluster]);
      ref = `resource:default/${entityName}`;
      emittedPipelines.set(name, ref);
      const described = describedBy([pipeline.metadata, namespaceMeta], {
        ...context.defaults,
        owner: model.owner,
        system: model.system,
      });
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: entityName,
          title: `${name} (${namespace})`,
          description:
            described.description ??
            pipeline.spec.description ??
            `Tekton pipeline ${name} in namespace ${namespace} on cluster ${cluster}.`,
          annotations: {
            ...managed,
            [MLOPS_ANNOTATION_TRAINING_PIPELINE]: name,
          },
        },
        spec: {
          type: MLOPS_ENTITY_TYPE_PIPELINE,
          owner: allowedOwner(described.owner, allowed),
          ...(described.system ? { system: described.system } : {}),
        },
      });
    }
    return ref;
  };

  for (const model of groupByModel(objects)) {
    const sourceMetas = [
      ...model.inferenceServices,
      ...model.runs,
      ...model.validationJobs,
    ].map(o => o.metadata);
    if (!isDiscovered(sourceMetas, namespaceMeta, context.mode)) {
      continue;
    }
    const named = describedBy(
      [...sourceMetas, namespaceMeta],
      context.defaults,
    );
    const described = {
      ...named,
      owner: allowedOwner(named.owner, allowed),
    };
    const isvc = model.inferenceServices[0]?.metadata.name;
    const handWrittenModel = context.handWritten([
      coordinateKey.modelName(cluster, namespace, model.name),
      ...model.inferenceServices.map(i =>
        coordinateKey.inferenceService(cluster, namespace, i.metadata.name),
      ),
    ]);
    // The Pipelines the runs name, newest run's first (each looked up once). A run of
    // an embedded pipelineSpec names none: Tekton labels it tekton.dev/pipeline with
    // its own (generate)name, which is not a Pipeline (see trainingPipelineOf).
    const runPipelines = [
      ...new Set(
        model.runs
          .map(trainingPipelineOf)
          .filter((p): p is string => Boolean(p)),
      ),
    ];
    const trainingPipeline = runPipelines[0];
    const dependsOn = [
      ...new Set(
        runPipelines
          .map(p => pipelineRef(p, described))
          .filter((ref): ref is string => Boolean(ref)),
      ),
    ].sort();
    const modelEntityName = discoveredEntityName([
      model.name,
      namespace,
      cluster,
    ]);
    const modelRef = handWrittenModel ?? `component:default/${modelEntityName}`;
    if (!handWrittenModel) {
      const buildConfig = buildConfigs.get(model.name);
      const workbench = workbenches.get(model.name);
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: modelEntityName,
          title: `${model.name} (${namespace})`,
          description:
            described.description ??
            `Model ${model.name} in namespace ${namespace} on cluster ${cluster}, discovered from the cluster.`,
          annotations: {
            ...managed,
            [MLOPS_ANNOTATION_MODEL_NAME]: model.name,
            ...(isvc ? { [MLOPS_ANNOTATION_INFERENCE_SERVICE]: isvc } : {}),
            ...(trainingPipeline
              ? { [MLOPS_ANNOTATION_TRAINING_PIPELINE]: trainingPipeline }
              : {}),
            ...(buildConfig
              ? { [MLOPS_ANNOTATION_BUILD_CONFIG]: buildConfig.metadata.name }
              : {}),
            ...(workbench
              ? { [MLOPS_ANNOTATION_WORKBENCH]: workbench.metadata.name }
              : {}),
            [KUBERNETES_ANNOTATION_NAMESPACE]: namespace,
            'backstage.io/kubernetes-label-selector': `${MLOPS_MODEL_NAME_LABEL}=${model.name}`,
          },
        },
        spec: {
          type: MLOPS_ENTITY_TYPE_MODEL,
          lifecycle: described.lifecycle,
          owner: described.owner,
          ...(described.system ? { system: described.system } : {}),
          ...(dependsOn.length ? { dependsOn } : {}),
        },
      });
    }

    const notebooks = new Map<string, SlimNotebookValidationJob>();
    for (const job of model.validationJobs) {
      const path = job.spec.notebook?.path;
      if (path && !notebooks.has(path)) notebooks.set(path, job);
    }
    for (const [path, job] of notebooks) {
      if (
        context.handWritten([coordinateKey.notebook(cluster, namespace, path)])
      ) {
        continue;
      }
      const gitUrl = job.spec.notebook?.git?.url;
      const basename = path
        .split('/')
        .pop()!
        .replace(/\.ipynb$/, '');
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: discoveredEntityName(
            [basename, model.name, namespace, cluster],
            ['notebook', path, model.name, namespace, cluster],
          ),
          title: `${basename} (${model.name}, ${namespace})`,
          description:
            described.description ??
            `Notebook ${path} of model ${model.name}, validated in namespace ${namespace} on cluster ${cluster}.`,
          annotations: {
            ...managed,
            [MLOPS_ANNOTATION_NOTEBOOK_PATH]: path,
            ...(gitUrl ? { [MLOPS_ANNOTATION_NOTEBOOK_GIT_URL]: gitUrl } : {}),
          },
        },
        spec: {
          type: MLOPS_ENTITY_TYPE_NOTEBOOK,
          lifecycle: described.lifecycle,
          owner: described.owner,
          ...(described.system ? { system: described.system } : {}),
          subcomponentOf: modelRef,
        },
      });
    }
  }
  return entities;
}
