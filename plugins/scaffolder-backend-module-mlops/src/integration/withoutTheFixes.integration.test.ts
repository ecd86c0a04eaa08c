import { execFile } from 'node:child_process';
import { truncate, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MlopsApiResource } from '@backstage-mlops/plugin-mlops-node';
import { parseAllDocuments } from 'yaml';
import { objectProblems } from '../template/__testUtils__/skeletonRules';
import {
  renderSkeleton,
  skeletonValues,
} from '../template/__testUtils__/renderSkeleton';
import { applyOverlay, publishToGitServer } from './__testUtils__/applyOverlay';
import {
  adminClient,
  createMlserverRuntime,
  DevCluster,
  ensureNamespace,
} from './__testUtils__/devClusterActions';
import {
  ExecutedProject,
  PROJECT_KINDS,
} from './__testUtils__/executedProject';
import { waitFor } from './__testUtils__/scaffolderBackend';

// Issue 21, Part 1: points 1, 2, 3, 7 and 8 of what a real cluster rejects or breaks,
// each shown failing on the dev cluster with the fix taken out of the rendered
// project, and working with it. The cluster executes the project (its S2I build, its
// steps as the pipeline's ServiceAccount, the notebook with papermill, MLServer), so
// these are the failures the real platform would produce, not rules of our own:
// 1. a param `enum` is refused by Tekton's webhook (OpenShift Pipelines' flags);
// 2. $(context.pipelineRun.name) in a Task's script runs as a command (the job's
//    label comes out empty);
// 3. `oc wait` on the InferenceService is Forbidden to the pipeline's Role, and with
//    list/watch granted it ends while the restarted predictor is not ready yet;
// 7. a git URL the cluster cannot reach fails the build and the validation job, and
//    a training started before the first image exists fails (on a platform, the
//    validation pod's ErrImagePull; since the train task names the job's image by
//    digest for the model's lineage, already when it resolves the ImageStream tag);
// 8. a check that loads model.pkl misses XGBoost's model.bst, and a server that
//    loads what training wrote (not a promoted candidate) loads an unchecked model.

const execFileAsync = promisify(execFile);
const NS = `it-without-fixes-${Date.now().toString(36)}`;
const MODEL = 'wf-xgb';
/** A second project whose image is never built (point 7). */
const NO_IMAGE = 'wf-noimg';
const SA = `${MODEL}-pipeline`;

let cluster: DevCluster;
let executes = false;
let project: ExecutedProject;
let built: any[];
/** The first (fixed) run, trained and promoted in beforeAll. */
let run: string;

const admin = () => adminClient(cluster);

async function render(name: string, gitUrl: string) {
  const dir = await renderSkeleton(
    skeletonValues({
      name,
      namespace: NS,
      productionNamespace: `${NS}-prod`,
      framework: 'xgboost',
      publishTarget: 'local',
      gitUrl,
    }),
  );
  const objects = parseAllDocuments(
    (
      await execFileAsync(await DevCluster.kubectlPath(), [
        'kustomize',
        join(dir, 'k8s/overlays/development'),
      ])
    ).stdout,
  ).map(d => d.toJS());
  return { dir, objects };
}

/** Creates (or replaces) a Tekton Task as the admin. */
async function putTask(task: any) {
  await admin()
    .request({
      method: 'DELETE',
      path: `/apis/tekton.dev/v1/namespaces/${NS}/tasks/${task.metadata.name}`,
    })
    .catch(() => undefined);
  await admin().createObject({
    resource: PROJECT_KINDS.tasks,
    namespace: NS,
    body: { ...task, metadata: { name: task.metadata.name } },
  });
}

/** Runs a Task as the pipeline's ServiceAccount and waits until it ends. */
async function taskRun(
  name: string,
  task: string,
  params: Record<string, string>,
  options: { workspace?: boolean; until?: (tr: any) => boolean } = {},
) {
  await admin().createObject({
    resource: PROJECT_KINDS.taskRuns,
    namespace: NS,
    body: {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name },
      spec: {
        taskRef: { name: task },
        serviceAccountName: SA,
        params: Object.entries(params).map(([k, value]) => ({
          name: k,
          value,
        })),
        ...(options.workspace
          ? {
              workspaces: [
                {
                  name: 'model-storage',
                  persistentVolumeClaim: { claimName: `${MODEL}-models` },
                },
              ],
            }
          : {}),
      },
    },
  });
  const until =
    options.until ??
    ((tr: any) =>
      ['True', 'False'].includes(ExecutedProject.succeeded(tr)?.status));
  return waitFor(
    async () => {
      const tr = await project.get(PROJECT_KINDS.taskRuns, name);
      return until(tr) ? tr : undefined;
    },
    600_000,
    `TaskRun ${name}`,
  );
}

const stepLog = (tr: any, step: string) => project.stepLog(tr, step);

const task = (name: string) =>
  structuredClone(
    built.find(o => o.kind === 'Task' && o.metadata.name === name),
  );

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  executes = cluster.state.execute && (await DevCluster.pythonAvailable());
  project = new ExecutedProject(cluster, admin(), NS, MODEL);
  await ensureNamespace(admin(), NS);
  await createMlserverRuntime(admin(), NS);
  const { dir, objects } = await render(
    MODEL,
    `${cluster.state.gitServer ?? 'http://git.invalid'}/${NS}-${MODEL}`,
  );
  built = objects;
  // Point 1 is admission only; everything else needs the cluster to execute.
  if (!executes) return;
  await publishToGitServer(cluster, dir, `${NS}-${MODEL}`);
  const applied = await applyOverlay({
    cluster,
    workspacePath: dir,
    overlay: 'development',
    namespace: NS,
    name: MODEL,
    isDryRun: false,
  });
  const notApplied = applied.filter(o => o.result !== 'applied');
  if (notApplied.length > 0) {
    throw new Error(`not applied: ${JSON.stringify(notApplied)}`);
  }
  // The fixed project's first run: built, trained, checked, promoted, served.
  const created = await admin().createObject({
    resource: PROJECT_KINDS.pipelineRuns,
    namespace: NS,
    body: {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: {
        generateName: `train-${MODEL}-`,
        labels: { 'model-name': MODEL },
      },
      spec: {
        pipelineRef: { name: `${MODEL}-training-pipeline` },
        taskRunTemplate: { serviceAccountName: SA },
        workspaces: [
          {
            name: 'model-storage',
            persistentVolumeClaim: { claimName: `${MODEL}-models` },
          },
        ],
      },
    },
  });
  run = created.metadata!.name!;
  const done = await waitFor(
    async () => {
      const pr = await project.get(PROJECT_KINDS.pipelineRuns, run);
      return ExecutedProject.succeeded(pr)?.status !== 'Unknown' &&
        ExecutedProject.succeeded(pr)
        ? pr
        : undefined;
    },
    900_000,
    `PipelineRun ${run}`,
  );
  // Every point compares with this run: it must have succeeded.
  const succeeded = ExecutedProject.succeeded(done);
  if (succeeded?.status !== 'True') {
    // What failed, for whoever reads the test's output.
    const taskRuns: string[] = [];
    for (const [t, tr] of Object.entries(await project.taskRuns(run))) {
      const failedSteps = (tr.status?.steps ?? []).filter(
        (x: any) => x.terminated && x.terminated.exitCode !== 0,
      );
      const logs = await Promise.all(
        failedSteps.map((x: any) =>
          stepLog(tr, x.name).catch(error => String(error)),
        ),
      );
      taskRuns.push(
        `${t}: ${ExecutedProject.succeeded(tr)?.message} ${logs
          .map(l => l.slice(-1500))
          .join(' | ')}`,
      );
    }
    const jobs = (
      await project.list(
        PROJECT_KINDS.validationJobs,
        `tekton.dev/pipelineRun=${run}`,
      )
    ).map(j => j.status?.message);
    const builds = (await project.list(PROJECT_KINDS.builds)).map(
      x => `${x.metadata?.name}: ${x.status?.phase} ${x.status?.message ?? ''}`,
    );
    throw new Error(
      `the fixed project's first run: ${JSON.stringify(
        succeeded,
      )}; task runs: ${taskRuns.join('; ')}; validation jobs: ${jobs.join(
        '; ',
      )}; builds: ${builds.join('; ')}`,
    );
  }
}, 1_000_000);

function skipUnlessExecuting() {
  if (!executes) {
    // eslint-disable-next-line no-console
    console.warn(
      'skipped: the dev cluster executes nothing without python3 3.9-3.12',
    );
  }
  return !executes;
}

describe('issue 21 Part 1, each point without its fix, on a dev cluster that executes it', () => {
  it("1: a param enum is refused by Tekton's webhook with OpenShift Pipelines' flags; the rendered Pipeline is admitted", async () => {
    const pipeline = built.find(o => o.kind === 'Pipeline');
    const create = (body: any) =>
      admin().createObject({
        resource: { group: 'tekton.dev', version: 'v1', plural: 'pipelines' },
        namespace: NS,
        body: { ...body, metadata: { name: `${body.metadata.name}-copy` } },
        dryRun: true,
      });
    await create(pipeline);
    const withEnum = structuredClone(pipeline);
    withEnum.spec.params.find((p: any) => p.name === 'data-source').enum = [
      'synthetic',
      'prometheus',
      'hybrid',
    ];
    await expect(create(withEnum)).rejects.toThrow(
      'admission webhook "validation.webhook.pipeline.tekton.dev" denied the request: validation failed: feature flag `enable-param-enum` should be set to true to use Enum: spec.params[data-source]',
    );
  });

  it("2: $(context.pipelineRun.name) in a Task is admitted (as upstream) but runs as a command: the job's label comes out empty", async () => {
    if (skipUnlessExecuting()) return;
    const oldTrain = task(`${MODEL}-train`);
    oldTrain.metadata.name = `${MODEL}-train-old`;
    const step = oldTrain.spec.steps.find(
      (s: any) => s.name === 'create-validation-job',
    );
    const fixed = 'tekton.dev/pipelineRun: $(quoted "${RUN}")';
    expect(step.script).toContain(fixed);
    step.script = step.script.replace(
      fixed,
      'tekton.dev/pipelineRun: $(context.pipelineRun.name)',
    );
    // Tekton's webhook checks only context.taskRun/context.task in a Task; our own
    // skeleton rules are what refuse it.
    await putTask(oldTrain);
    expect(objectProblems([oldTrain])).toEqual([
      `Task ${MODEL}-train-old.spec.steps[2].script: $(context.pipelineRun.name) is substituted in Pipelines only, never in a Task (pass it as a param)`,
    ]);
    const params = {
      'model-name': MODEL,
      'notebook-path': 'notebooks/train.ipynb',
      'git-url': `${cluster.state.gitServer}/${NS}-${MODEL}`,
      'pipeline-run': 'wf-old-context',
    };
    // Once the job exists, the point is made: stop the run.
    const tr = await taskRun('wf-old-context', `${MODEL}-train-old`, params, {
      workspace: true,
      until: t =>
        (t?.status?.steps ?? []).some(
          (s: any) => s.name === 'create-validation-job' && s.running,
        ),
    });
    const job = await waitFor(
      async () =>
        (
          await project.list(
            PROJECT_KINDS.validationJobs,
            `model-name=${MODEL}`,
          )
        ).find(
          j =>
            j.metadata?.creationTimestamp &&
            j.metadata.labels?.['tekton.dev/pipelineRun'] === '',
        ),
      60_000,
      'the validation job of the old task',
    );
    expect(job.metadata?.labels?.['tekton.dev/pipelineRun']).toBe('');
    expect(await stepLog(tr, 'create-validation-job')).toContain(
      'context.pipelineRun.name: command not found',
    );
    // With the fix, the job carries its PipelineRun's name (the fixed first run).
    expect(
      await project.list(
        PROJECT_KINDS.validationJobs,
        `tekton.dev/pipelineRun=${run}`,
      ),
    ).toHaveLength(1);
    await admin().patchObject({
      resource: PROJECT_KINDS.taskRuns,
      namespace: NS,
      name: 'wf-old-context',
      patch: { spec: { status: 'TaskRunCancelled' } },
    });
    await admin().request({
      method: 'DELETE',
      path: `/apis/mlops.mlops.dev/v1alpha1/namespaces/${NS}/notebookvalidationjobs/${
        job.metadata!.name
      }`,
    });
  });

  it("3: `oc wait` on the InferenceService is Forbidden to the pipeline's Role, and with list/watch granted it returns before the rollout; the fixed wait on the predictor's pods passes", async () => {
    if (skipUnlessExecuting()) return;
    const oldDeploy = task(`${MODEL}-deploy`);
    oldDeploy.metadata.name = `${MODEL}-deploy-old`;
    // The deploy step before the fix (the old template's restart-serving script), its
    // 10m timeout shortened to 20s: kubectl's wait retries a Forbidden list until then
    // (k8s.io/kubectl pkg/cmd/wait/condition.go: an informer on a field-selected list).
    oldDeploy.spec.steps = [
      {
        ...oldDeploy.spec.steps.find((s: any) => s.name === 'restart-serving'),
        script: [
          '#!/bin/bash',
          'set -euo pipefail',
          'oc patch inferenceservice "$(params.inference-service-name)" --type merge \\',
          '  -p "{\\"spec\\":{\\"predictor\\":{\\"annotations\\":{\\"mlops.dev/restart-timestamp\\":\\"$(context.taskRun.name)\\"}}}}"',
          'oc wait --for=condition=Ready "inferenceservice/$(params.inference-service-name)" --timeout=20s',
        ].join('\n'),
      },
    ];
    oldDeploy.spec.results = [];
    oldDeploy.spec.workspaces = [];
    await putTask(oldDeploy);
    const params = {
      'inference-service-name': MODEL,
      'model-name': MODEL,
      candidate: 'unused',
    };
    const tr = await taskRun('wf-old-wait', `${MODEL}-deploy-old`, params);
    expect(ExecutedProject.succeeded(tr)).toMatchObject({
      status: 'False',
      reason: 'StepFailed',
    });
    const log = await stepLog(tr, 'restart-serving');
    expect(log).toContain(
      `cannot list resource \\"inferenceservices\\" in API group \\"serving.kserve.io\\" in the namespace \\"${NS}\\"`,
    );
    expect(log).toContain(`User \\"system:serviceaccount:${NS}:${SA}\\"`);
    expect(log).toContain(
      `error: timed out waiting for the condition on inferenceservices/${MODEL}`,
    );

    // Granting list and watch is not a fix: the InferenceService is still Ready from
    // before the restart, so the wait ends at once, while the new predictor starts.
    const rbac = { group: 'rbac.authorization.k8s.io', version: 'v1' };
    await admin().createObject({
      resource: { ...rbac, plural: 'roles' },
      namespace: NS,
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'wf-list-watch-isvc' },
        rules: [
          {
            apiGroups: ['serving.kserve.io'],
            resources: ['inferenceservices'],
            verbs: ['list', 'watch'],
          },
        ],
      },
    });
    await admin().createObject({
      resource: { ...rbac, plural: 'rolebindings' },
      namespace: NS,
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'wf-list-watch-isvc' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name: 'wf-list-watch-isvc',
        },
        subjects: [{ kind: 'ServiceAccount', name: SA }],
      },
    });
    const early = await taskRun(
      'wf-old-wait-granted',
      `${MODEL}-deploy-old`,
      params,
    );
    const pods = await project.list(
      PROJECT_KINDS.pods,
      `serving.kserve.io/inferenceservice=${MODEL}`,
    );
    expect(ExecutedProject.succeeded(early)).toMatchObject({ status: 'True' });
    expect(await stepLog(early, 'restart-serving')).toContain(
      `inferenceservice.serving.kserve.io/${MODEL} condition met`,
    );
    const restarted = (p: any) =>
      p.metadata?.annotations?.['mlops.dev/restart-timestamp'] ===
      'wf-old-wait-granted';
    const ready = (p: any) =>
      (p.status?.conditions ?? []).some(
        (c: any) => c.type === 'Ready' && c.status === 'True',
      );
    // When the wait ended, no restarted predictor pod was ready yet.
    expect(pods.filter(p => restarted(p) && ready(p))).toEqual([]);
    await admin().request({
      method: 'DELETE',
      path: `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings/wf-list-watch-isvc`,
    });

    // The fixed deploy of the first run waited on the pods the Role may read.
    const fixed = (await project.taskRuns(run))['deploy-model'];
    expect(ExecutedProject.succeeded(fixed)).toMatchObject({ status: 'True' });
    expect(await stepLog(fixed, 'restart-serving')).toMatch(
      /predictor pod\(s\) ready with the promoted model/,
    );
  }, 300_000);

  it('7: a source the cluster cannot reach fails the build and the validation job; training before the first image fails, the fixed one waits for it', async () => {
    if (skipUnlessExecuting()) return;
    // The old template's URL of a local repository (the URL it was pushed to).
    const unreachable = `https://git.local.invalid/${NS}/${MODEL}.git`;
    const bc = structuredClone(built.find(o => o.kind === 'BuildConfig'));
    bc.metadata = { name: `${MODEL}-unreachable` };
    bc.spec.source.git.uri = unreachable;
    bc.spec.output.to.name = `${MODEL}-unreachable:latest`;
    await admin().createObject({
      resource: PROJECT_KINDS.buildConfigs,
      namespace: NS,
      body: bc,
    });
    const build = await waitFor(
      async () => {
        const b = await project
          .get(PROJECT_KINDS.builds, `${MODEL}-unreachable-1`)
          .catch(() => undefined);
        return b && ['Complete', 'Failed'].includes(b.status?.phase)
          ? b
          : undefined;
      },
      120_000,
      'the build from an unreachable source',
    );
    expect(build.status).toMatchObject({
      phase: 'Failed',
      reason: 'FetchSourceFailed',
      message: 'Failed to fetch the input source.',
    });
    expect(build.status.logSnippet).toContain(
      `error: failed to fetch requested repository "${unreachable}"`,
    );
    // The validation job clones the same URL: its git-clone init container fails,
    // which the operator does not retry.
    const noSource = await taskRun(
      'wf-old-source',
      `${MODEL}-train`,
      {
        'model-name': MODEL,
        'notebook-path': 'notebooks/train.ipynb',
        'git-url': unreachable,
        'pipeline-run': 'wf-old-source',
      },
      { workspace: true },
    );
    expect(ExecutedProject.succeeded(noSource)).toMatchObject({
      status: 'False',
      reason: 'StepFailed',
    });
    const [cloneJob] = await project.list(
      PROJECT_KINDS.validationJobs,
      'tekton.dev/pipelineRun=wf-old-source',
    );
    expect(cloneJob.status.phase).toBe('Failed');
    expect(cloneJob.status.message).toMatch(
      /Git-clone init container failed \(exit code \d+\)/,
    );

    // A second project whose image no build has pushed yet: its ServiceAccount, model
    // volume, ImageStream and train Task (no BuildConfig).
    const second = await render(
      NO_IMAGE,
      `${cluster.state.gitServer}/${NS}-${MODEL}`,
    );
    const kinds: Record<string, MlopsApiResource> = {
      ServiceAccount: { group: '', version: 'v1', plural: 'serviceaccounts' },
      PersistentVolumeClaim: {
        group: '',
        version: 'v1',
        plural: 'persistentvolumeclaims',
      },
      ImageStream: PROJECT_KINDS.imageStreams,
    };
    for (const o of second.objects.filter(x => kinds[x.kind])) {
      await admin().createObject({
        resource: kinds[o.kind],
        namespace: NS,
        body: o,
      });
    }
    const secondTask = (name: string) =>
      structuredClone(
        second.objects.find(o => o.kind === 'Task' && o.metadata.name === name),
      );
    const params = {
      'model-name': NO_IMAGE,
      'notebook-path': 'notebooks/train.ipynb',
      'git-url': `${cluster.state.gitServer}/${NS}-${MODEL}`,
      'pipeline-run': `wf-${NO_IMAGE}`,
    };
    // Before the fix the train task had no wait-for-image step.
    const oldTrain = secondTask(`${NO_IMAGE}-train`);
    oldTrain.metadata.name = `${NO_IMAGE}-train-old`;
    oldTrain.spec.steps = oldTrain.spec.steps.filter(
      (s: any) => s.name !== 'wait-for-image',
    );
    await putTask(oldTrain);
    // (The train task mounts the model volume to report the candidate's metrics.)
    const failed = await taskRun(
      'wf-old-no-image',
      `${NO_IMAGE}-train-old`,
      params,
      { workspace: true },
    );
    expect(ExecutedProject.succeeded(failed)).toMatchObject({
      status: 'False',
      reason: 'StepFailed',
    });
    // The train task names the job's image by digest (the model's lineage): with no
    // image pushed yet there is none to name, so it fails before creating the job
    // (which would fail on ErrImagePull).
    expect(await stepLog(failed, 'create-validation-job')).toContain(
      `no image ${NO_IMAGE}-notebook:latest`,
    );
    expect(
      await project.list(
        PROJECT_KINDS.validationJobs,
        `model-name=${NO_IMAGE}`,
      ),
    ).toEqual([]);

    // The fixed task waits for the image: nothing starts until a build pushes one.
    await putTask(secondTask(`${NO_IMAGE}-train`));
    const waiting = await taskRun(
      'wf-fixed-no-image',
      `${NO_IMAGE}-train`,
      params,
      {
        workspace: true,
        until: t =>
          (t?.status?.steps ?? []).some(
            (s: any) => s.name === 'wait-for-image' && s.running,
          ),
      },
    );
    // Several polls of the ImageStream later, still waiting and no job created.
    await new Promise(r => setTimeout(r, 20_000));
    const still = await project.get(
      PROJECT_KINDS.taskRuns,
      'wf-fixed-no-image',
    );
    expect(ExecutedProject.succeeded(still)?.status).toBe('Unknown');
    expect(
      (still.status?.steps ?? []).find((s: any) => s.name === 'wait-for-image')
        ?.running,
    ).toBeDefined();
    expect(
      await project.list(
        PROJECT_KINDS.validationJobs,
        `model-name=${NO_IMAGE}`,
      ),
    ).toEqual([]);
    expect(waiting.metadata?.name).toBe('wf-fixed-no-image');
    await admin().patchObject({
      resource: PROJECT_KINDS.taskRuns,
      namespace: NS,
      name: 'wf-fixed-no-image',
      patch: { spec: { status: 'TaskRunCancelled' } },
    });
    // The fixed project (beforeAll) names a source the cluster reaches (its git
    // server): its build cloned it and pushed the image its first run waited for.
    expect(
      (await project.get(PROJECT_KINDS.builds, `${MODEL}-notebook-1`)).status,
    ).toMatchObject({ phase: 'Complete' });
    const firstTrain = (await project.taskRuns(run))['train-model'];
    expect(await stepLog(firstTrain, 'wait-for-image')).toContain(
      `image image-registry.openshift-image-registry.svc:5000/${NS}/${MODEL}-notebook@sha256:`,
    );
  }, 600_000);

  it('8: a check that loads model.pkl misses what XGBoost saves, and a server that loads what training wrote serves an unchecked model; a failed candidate is never promoted', async () => {
    if (skipUnlessExecuting()) return;
    const candidate = ExecutedProject.result(
      (await project.taskRuns(run))['train-model'],
      'candidate',
    ) as string;
    // The old check (loads <model>/model.pkl) against what XGBoost training writes.
    const oldCheck = task(`${MODEL}-health-check`);
    oldCheck.metadata.name = `${MODEL}-health-check-old`;
    oldCheck.spec.steps[0].script = [
      '#!/usr/bin/env python3',
      'import sys',
      'from pathlib import Path',
      'import joblib',
      'path = Path("/mnt/models/$(params.candidate)/model/model.pkl")',
      'if not path.is_file() or path.stat().st_size < 1000:',
      '    sys.exit(f"model file missing or truncated: {path}")',
      'joblib.load(path)',
    ].join('\n');
    await putTask(oldCheck);
    const old = await taskRun(
      'wf-old-check',
      `${MODEL}-health-check-old`,
      { 'model-name': MODEL, candidate },
      { workspace: true },
    );
    expect(ExecutedProject.succeeded(old)).toMatchObject({
      status: 'False',
      reason: 'StepFailed',
    });
    expect(await stepLog(old, 'load-and-predict')).toContain(
      `model file missing or truncated: /mnt/models/${candidate}/model/model.pkl`,
    );

    // A training that wrote a broken model (its file cut short).
    const bad = `${MODEL}/candidates/broken`;
    await cp(project.volumePath(candidate), project.volumePath(bad), {
      recursive: true,
    });
    await truncate(project.volumePath(bad, 'model', 'model.bst'), 200);

    // With the fix: the gate fails the candidate, nothing is promoted, and a restart
    // of the predictor still serves the checked model.
    const gate = await taskRun(
      'wf-gate-broken',
      `${MODEL}-health-check`,
      { 'model-name': MODEL, candidate: bad },
      { workspace: true },
    );
    expect(ExecutedProject.succeeded(gate)).toMatchObject({
      status: 'False',
      reason: 'StepFailed',
    });
    expect(await stepLog(gate, 'load-and-predict')).toContain(
      'model file missing or truncated',
    );
    const isvc = await project.get(PROJECT_KINDS.inferenceServices, MODEL);
    await admin().patchObject({
      resource: PROJECT_KINDS.inferenceServices,
      namespace: NS,
      name: MODEL,
      patch: {
        spec: {
          predictor: { annotations: { 'mlops.dev/restarted-by': 'wf-test' } },
        },
      },
    });
    await waitFor(
      async () => {
        const i = await project.get(PROJECT_KINDS.inferenceServices, MODEL);
        return i.status?.observedGeneration > isvc.metadata!.generation! &&
          i.status?.modelStatus?.transitionStatus === 'UpToDate'
          ? i
          : undefined;
      },
      120_000,
      'the restarted predictor',
    );
    const inputs = await project.readJson(candidate, 'sample-inputs.json');
    const expected: number[] = await project.readJson(
      candidate,
      'sample-predictions.json',
    );
    const answer = await project.predict(inputs);
    expect(answer.status).toBe(200);
    answer.predictions!.forEach((p, i) =>
      expect(p).toBeCloseTo(expected[i], 4),
    );

    // Without it: the server loads the directory training wrote (the old storageUri),
    // so a restart loads the unchecked, broken model.
    const unvetted = structuredClone(
      built.find(o => o.kind === 'InferenceService'),
    );
    unvetted.metadata = {
      name: `${MODEL}-unvetted`,
      labels: unvetted.metadata.labels,
      annotations: unvetted.metadata.annotations,
    };
    unvetted.spec.predictor.model.storageUri = `pvc://${MODEL}-models/${bad}/model`;
    await admin().createObject({
      resource: PROJECT_KINDS.inferenceServices,
      namespace: NS,
      body: unvetted,
    });
    const failed = await waitFor(
      async () => {
        const i = await project.get(
          PROJECT_KINDS.inferenceServices,
          `${MODEL}-unvetted`,
        );
        return i.status?.modelStatus?.transitionStatus === 'BlockedByFailedLoad'
          ? i
          : undefined;
      },
      180_000,
      'the server loading the unchecked model',
    );
    expect(failed.status.modelStatus).toMatchObject({
      states: { targetModelState: 'FailedToLoad' },
      lastFailureInfo: { reason: 'ModelLoadFailed' },
    });
    await admin().request({
      method: 'DELETE',
      path: `/apis/serving.kserve.io/v1beta1/namespaces/${NS}/inferenceservices/${MODEL}-unvetted`,
    });
  }, 600_000);
});
