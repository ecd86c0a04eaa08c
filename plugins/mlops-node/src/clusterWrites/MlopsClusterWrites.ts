import {
  MLOPS_MODEL_NAME_LABEL,
  MLOPS_WORKBENCH_STOPPED_ANNOTATION,
  type MlopsParamValue,
} from '@backstage-mlops/plugin-mlops-common';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  MlopsClusterClient,
  MlopsClusterClients,
  MlopsKubernetesObject,
} from '../client/types';
import { MLOPS_RESOURCE_KINDS } from '../kinds/resourceKinds';
import {
  MLOPS_RESTARTED_AT_ANNOTATION,
  MLOPS_RESTARTED_BY_ANNOTATION,
} from './writeMetadata';
import {
  bindWorkspaces,
  buildTrainingPipelineRun,
  DEFAULT_TRAINING_SERVICE_ACCOUNT,
  DEFAULT_TRAINING_TIMEOUT,
  type WorkspaceBinding,
} from './pipelineRunManifest';
import {
  assertOfModel,
  finishedReason,
  type FullPipelineRun,
  newest,
  newestFirst,
  paramsOf,
  readObjectWithSpec,
  readPipelineInterface,
  readPipelineRun,
  recentParamsOf,
  workspacesOf,
} from './readClusterObjects';
import { retryOnConflict } from './retryOnConflict';
import { resolveTrainingParams } from './trainingParams';
import type {
  MlopsCancelTrainingOptions,
  MlopsClusterWriteResult,
  MlopsGivenParamValue,
  MlopsRerunTrainingOptions,
  MlopsRestartServingOptions,
  MlopsRunTrainingOptions,
  MlopsStartBuildOptions,
  MlopsValidateNotebookOptions,
  MlopsWorkbenchOptions,
} from './types';
import { buildValidationJob } from './validationJobManifest';

const FIELD_MANAGER = 'backstage-mlops';
const { pipelines, pipelineruns, notebookvalidationjobs, inferenceservices } =
  MLOPS_RESOURCE_KINDS;
const NOTEBOOKS = MLOPS_RESOURCE_KINDS.notebooks;

function nameOf(object: MlopsKubernetesObject): string {
  return object.metadata?.name ?? '';
}

/**
 * The writes backstage-mlops makes on a cluster (create a PipelineRun, cancel it, start
 * a build, restart serving…), each with explicit coordinates (cluster, namespace, names,
 * who asked, dry run): shared by the backend plugin's mutation routes, its actions
 * registry actions and the scaffolder module's actions. Every failure is an
 * `@backstage/errors` error: a bad param is an `InputError` naming it, an object that
 * is not the model's a `NotFoundError`, a run that is not running a `ConflictError`,
 * a verb the cluster refuses a `NotAllowedError` naming the RBAC rule to grant.
 * Read-modify-writes are retried on 409 Conflict a few times.
 *
 * @public
 */
export class MlopsClusterWrites {
  /** Writes through the given cluster clients (`mlopsClusterClientsServiceRef`). */
  static create(options: { clients: MlopsClusterClients }): MlopsClusterWrites {
    return new MlopsClusterWrites(options.clients);
  }

  private constructor(private readonly clients: MlopsClusterClients) {}

  /**
   * Creates a `tekton.dev/v1` PipelineRun of the model's training Pipeline (ADR-053):
   * params validated against the Pipeline's declared params and defaults (the model's
   * previous run supplies params without a default, e.g. `notebook-path`), the
   * Pipeline's workspaces bound to the given `workspaceClaims`, else like the previous
   * run (else `model-storage` → `model-storage-pvc`), and the given ServiceAccount, else
   * the previous run's (else `pipeline`).
   */
  async runTraining(
    options: MlopsRunTrainingOptions,
  ): Promise<MlopsClusterWriteResult> {
    const client = this.clients.forCluster(options.cluster);
    const { namespace, modelName, pipeline } = options;
    const declared = readPipelineInterface(
      await client.getObject({
        resource: pipelines,
        namespace,
        name: pipeline,
      }),
      client.cluster,
    );
    const earlierRuns = await this.runsNewestFirst(
      client,
      namespace,
      modelName,
      pipeline,
    );
    const previous = earlierRuns[0];
    const params = resolveTrainingParams({
      pipeline,
      declared: declared.params,
      given: options.params,
      modelName,
      inferenceService: options.inferenceService,
      fallback: recentParamsOf(earlierRuns),
    });
    const undeclared = Object.keys(options.workspaceClaims ?? {}).filter(
      name => !declared.workspaces.some(w => w.name === name),
    );
    if (undeclared.length > 0) {
      throw new InputError(
        `workspaceClaims names workspace(s) ${undeclared.join(
          ', ',
        )} that Pipeline ${pipeline} does not declare`,
      );
    }
    return this.createRun(client, options, {
      pipeline,
      params,
      declaredWorkspaces: declared.workspaces,
      previous,
      givenBindings: Object.entries(options.workspaceClaims ?? {}).map(
        ([name, claimName]) => ({
          name,
          persistentVolumeClaim: { claimName },
        }),
      ),
      serviceAccountName: options.serviceAccountName,
    });
  }

  /** Creates a new PipelineRun with an earlier run's params, some of them changed. */
  async rerunTraining(
    options: MlopsRerunTrainingOptions,
  ): Promise<MlopsClusterWriteResult> {
    const client = this.clients.forCluster(options.cluster);
    const { namespace, modelName } = options;
    const run = await this.runOfModel(client, options);
    const pipeline = run.spec?.pipelineRef?.name;
    if (!pipeline) {
      throw new InputError(
        `PipelineRun ${run.metadata.name} has no spec.pipelineRef.name (an embedded pipelineSpec); only runs of a named Pipeline can be run again`,
      );
    }
    const declared = readPipelineInterface(
      await client.getObject({
        resource: pipelines,
        namespace,
        name: pipeline,
      }),
      client.cluster,
    );
    const earlier = paramsOf(run);
    const declaredNames = new Set(declared.params.map(p => p.name));
    const given: Record<string, MlopsGivenParamValue> = {};
    for (const [name, value] of Object.entries(earlier)) {
      if (declaredNames.has(name) && name !== MLOPS_MODEL_NAME_LABEL) {
        given[name] = value;
      }
    }
    Object.assign(given, options.params ?? {});
    const params = resolveTrainingParams({
      pipeline,
      declared: declared.params,
      given,
      modelName,
    });
    return this.createRun(client, options, {
      pipeline,
      params,
      declaredWorkspaces: declared.workspaces,
      previous: run,
      rerunOf: run.metadata.name,
    });
  }

  /**
   * Cancels a running PipelineRun (`spec.status: Cancelled`, or
   * `CancelledRunFinally` to run its finally tasks). A finished run is a
   * `ConflictError`; a run already being cancelled that way is left alone.
   */
  async cancelTraining(
    options: MlopsCancelTrainingOptions,
  ): Promise<MlopsClusterWriteResult> {
    const client = this.clients.forCluster(options.cluster);
    const mode = options.mode ?? 'Cancelled';
    const { namespace } = options;
    return retryOnConflict(
      `PipelineRun ${options.runName} in namespace ${namespace}`,
      async () => {
        const run = await this.runOfModel(client, options);
        const result: MlopsClusterWriteResult = {
          kind: 'PipelineRun',
          namespace,
          name: run.metadata.name,
          dryRun: Boolean(options.dryRun),
          changed: false,
        };
        const finished = finishedReason(run);
        if (finished) {
          throw new ConflictError(
            `PipelineRun ${run.metadata.name} in namespace ${namespace} has already finished (${finished}); only a running run can be cancelled`,
          );
        }
        if (run.spec?.status === mode) {
          return result;
        }
        await client.patchObject({
          resource: pipelineruns,
          namespace,
          name: run.metadata.name,
          patch: {
            metadata: { resourceVersion: run.metadata.resourceVersion },
            spec: { status: mode },
          },
          dryRun: options.dryRun,
          fieldManager: FIELD_MANAGER,
        });
        return { ...result, changed: true };
      },
    );
  }

  /**
   * Starts a build of a BuildConfig (`POST …/buildconfigs/<name>/instantiate`, the
   * subresource `oc start-build` uses). A dry run only checks that the BuildConfig
   * exists and is readable: `instantiate` has no server-side dry run.
   */
  async startBuild(
    options: MlopsStartBuildOptions,
  ): Promise<MlopsClusterWriteResult> {
    const client = this.clients.forCluster(options.cluster);
    const { namespace, buildConfig } = options;
    const result: MlopsClusterWriteResult = {
      kind: 'Build',
      namespace,
      name: '',
      dryRun: Boolean(options.dryRun),
      changed: true,
    };
    if (options.dryRun) {
      await client.getObject({
        resource: MLOPS_RESOURCE_KINDS.buildconfigs,
        namespace,
        name: buildConfig,
      });
      return result;
    }
    const res = await client.request({
      method: 'POST',
      path: `/apis/build.openshift.io/v1/namespaces/${namespace}/buildconfigs/${buildConfig}/instantiate`,
      body: {
        kind: 'BuildRequest',
        apiVersion: 'build.openshift.io/v1',
        metadata: { name: buildConfig },
        triggeredBy: [
          { message: `Started in Backstage by ${options.triggeredBy}` },
        ],
      },
    });
    const build = res.body as MlopsKubernetesObject | undefined;
    const name = build && typeof build === 'object' ? nameOf(build) : '';
    if (!name) {
      throw new ServiceUnavailableError(
        `cluster ${client.cluster} started a build of BuildConfig ${buildConfig} but did not answer with the Build`,
      );
    }
    return { ...result, name };
  }

  /**
   * Creates a new NotebookValidationJob with the spec of the model's newest job (or
   * the one named by `from`, or `templateSpec` when the model has none). A finished
   * job is never changed: NVJs run once.
   */
  async validateNotebook(
    options: MlopsValidateNotebookOptions,
  ): Promise<MlopsClusterWriteResult> {
    const client = this.clients.forCluster(options.cluster);
    const { namespace, modelName } = options;
    let sourceSpec: Record<string, unknown> | undefined;
    let copiedFrom: string | undefined;
    if (options.from) {
      const job = readObjectWithSpec(
        await client.getObject({
          resource: notebookvalidationjobs,
          namespace,
          name: options.from,
        }),
        'NotebookValidationJob',
        client.cluster,
      );
      assertOfModel(job, {
        kind: 'NotebookValidationJob',
        namespace,
        modelName,
      });
      sourceSpec = job.spec;
      copiedFrom = job.metadata.name;
    } else {
      const list = await client.listObjects({
        resource: notebookvalidationjobs,
        namespace,
        labelSelector: `${MLOPS_MODEL_NAME_LABEL}=${modelName}`,
      });
      const latest = newest(
        list.items.map(item =>
          readObjectWithSpec(item, 'NotebookValidationJob', client.cluster),
        ),
      );
      sourceSpec = latest?.spec ?? options.templateSpec;
      copiedFrom = latest?.metadata.name;
    }
    if (!sourceSpec) {
      throw new NotFoundError(
        `model ${modelName} has no NotebookValidationJob (label ${MLOPS_MODEL_NAME_LABEL}=${modelName}) in namespace ${namespace} to copy; create one first, e.g. with the model template`,
      );
    }
    const created = await client.createObject({
      resource: notebookvalidationjobs,
      namespace,
      body: buildValidationJob({
        namespace,
        modelName,
        sourceSpec,
        copiedFrom,
        gitRef: options.gitRef,
        triggeredBy: options.triggeredBy,
      }),
      dryRun: options.dryRun,
      fieldManager: FIELD_MANAGER,
    });
    return {
      kind: 'NotebookValidationJob',
      namespace,
      name: nameOf(created),
      dryRun: Boolean(options.dryRun),
      changed: true,
    };
  }

  /**
   * Rolls an InferenceService's predictor pods by merge-patching a timestamp into
   * `spec.predictor.annotations` (KServe copies them into the predictor's pod
   * template, so a new revision rolls out). Needs only `patch` on
   * `inferenceservices`, not `delete` on pods.
   */
  async restartServing(
    options: MlopsRestartServingOptions,
  ): Promise<MlopsClusterWriteResult> {
    const client = this.clients.forCluster(options.cluster);
    const { namespace, inferenceService } = options;
    await client.patchObject({
      resource: inferenceservices,
      namespace,
      name: inferenceService,
      patch: {
        metadata: {
          annotations: { [MLOPS_RESTARTED_BY_ANNOTATION]: options.triggeredBy },
        },
        spec: {
          predictor: {
            annotations: {
              [MLOPS_RESTARTED_AT_ANNOTATION]: new Date().toISOString(),
            },
          },
        },
      },
      dryRun: options.dryRun,
      fieldManager: FIELD_MANAGER,
    });
    return {
      kind: 'InferenceService',
      namespace,
      name: inferenceService,
      dryRun: Boolean(options.dryRun),
      changed: true,
    };
  }

  /** Starts a workbench: removes its `kubeflow-resource-stopped` annotation. */
  startWorkbench(
    options: MlopsWorkbenchOptions,
  ): Promise<MlopsClusterWriteResult> {
    return this.setWorkbenchStopped(options, false);
  }

  /** Stops a workbench: sets `kubeflow-resource-stopped` to the current time. */
  stopWorkbench(
    options: MlopsWorkbenchOptions,
  ): Promise<MlopsClusterWriteResult> {
    return this.setWorkbenchStopped(options, true);
  }

  private async setWorkbenchStopped(
    options: MlopsWorkbenchOptions,
    stopped: boolean,
  ): Promise<MlopsClusterWriteResult> {
    const client = this.clients.forCluster(options.cluster);
    const { namespace, workbench } = options;
    return retryOnConflict(
      `Notebook ${workbench} in namespace ${namespace}`,
      async () => {
        const notebook = readObjectWithSpec(
          await client.getObject({
            resource: NOTEBOOKS,
            namespace,
            name: workbench,
          }),
          'Notebook',
          client.cluster,
        );
        const isStopped =
          notebook.metadata.annotations?.[
            MLOPS_WORKBENCH_STOPPED_ANNOTATION
          ] !== undefined;
        const result: MlopsClusterWriteResult = {
          kind: 'Notebook',
          namespace,
          name: workbench,
          dryRun: Boolean(options.dryRun),
          changed: isStopped !== stopped,
        };
        if (!result.changed) {
          return result;
        }
        await client.patchObject({
          resource: NOTEBOOKS,
          namespace,
          name: workbench,
          patch: {
            metadata: {
              resourceVersion: notebook.metadata.resourceVersion,
              annotations: {
                [MLOPS_WORKBENCH_STOPPED_ANNOTATION]: stopped
                  ? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
                  : null,
              },
            },
          },
          dryRun: options.dryRun,
          fieldManager: FIELD_MANAGER,
        });
        return result;
      },
    );
  }

  private async createRun(
    client: MlopsClusterClient,
    options: MlopsRunTrainingOptions | MlopsRerunTrainingOptions,
    run: {
      pipeline: string;
      params: Array<{ name: string; value: MlopsParamValue }>;
      declaredWorkspaces: Array<{ name: string; optional?: boolean }>;
      previous?: FullPipelineRun;
      rerunOf?: string;
      /** Bindings the caller chose; they win over the previous run's. */
      givenBindings?: WorkspaceBinding[];
      serviceAccountName?: string;
    },
  ): Promise<MlopsClusterWriteResult> {
    const { namespace, modelName } = options;
    const { params } = run;
    const { bindings, unbound } = bindWorkspaces(run.declaredWorkspaces, [
      ...(run.givenBindings ?? []),
      ...(run.previous ? workspacesOf(run.previous) : []),
    ]);
    if (unbound.length > 0) {
      throw new InputError(
        `Pipeline ${run.pipeline} declares the workspace(s) ${unbound.join(
          ', ',
        )}, which no earlier run of model ${modelName} binds; run it once by other means first`,
      );
    }
    const created = await client.createObject({
      resource: pipelineruns,
      namespace,
      body: buildTrainingPipelineRun({
        namespace,
        pipeline: run.pipeline,
        modelName,
        params,
        workspaces: bindings,
        serviceAccountName:
          run.serviceAccountName ??
          run.previous?.spec?.taskRunTemplate?.serviceAccountName ??
          DEFAULT_TRAINING_SERVICE_ACCOUNT,
        timeout:
          run.previous?.spec?.timeouts?.pipeline ?? DEFAULT_TRAINING_TIMEOUT,
        triggeredBy: options.triggeredBy,
        rerunOf: run.rerunOf,
      }),
      dryRun: options.dryRun,
      fieldManager: FIELD_MANAGER,
    });
    return {
      kind: 'PipelineRun',
      namespace,
      name: nameOf(created),
      dryRun: Boolean(options.dryRun),
      changed: true,
      params,
    };
  }

  /** A PipelineRun by name that carries the model's label (NotFoundError otherwise). */
  private async runOfModel(
    client: MlopsClusterClient,
    options: { namespace: string; modelName: string; runName: string },
  ): Promise<FullPipelineRun> {
    const run = readPipelineRun(
      await client.getObject({
        resource: pipelineruns,
        namespace: options.namespace,
        name: options.runName,
      }),
      client.cluster,
    );
    assertOfModel(run, {
      kind: 'PipelineRun',
      namespace: options.namespace,
      modelName: options.modelName,
    });
    return run;
  }

  /** The model's newest run of the Pipeline, whose settings a new run copies. */
  private async runsNewestFirst(
    client: MlopsClusterClient,
    namespace: string,
    modelName: string,
    pipeline: string,
  ): Promise<FullPipelineRun[]> {
    const list = await client.listObjects({
      resource: pipelineruns,
      namespace,
      labelSelector: `${MLOPS_MODEL_NAME_LABEL}=${modelName}`,
    });
    return newestFirst(
      list.items
        .map(item => readPipelineRun(item, client.cluster))
        .filter(run => run.spec?.pipelineRef?.name === pipeline),
    );
  }
}
