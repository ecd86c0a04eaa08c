import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  renderSkeleton,
  skeletonValues,
} from '../template/__testUtils__/renderSkeleton';
import {
  adminClient,
  DevCluster,
  ensureNamespace,
} from './__testUtils__/devClusterActions';
import {
  ExecutedProject,
  PROJECT_KINDS,
} from './__testUtils__/executedProject';

// A param value with a shell command in it, given to the New ML model template's train
// Task on the dev cluster, which runs the step's script after Tekton's substitution
// (packages/dev-cluster/go/internal/execute/substitute.go). The template's step takes
// `data-source` as an env var (tektoncd/pipeline docs/tasks.md, "Substituting in
// Script blocks"): the value reaches bash as data, the check refuses it in words, and
// the command never runs. The same value spliced into the script, as the step was
// written before, runs: the marker file appears on the model volume.

const NS = `it-task-params-${Date.now().toString(36)}`;
const MODEL = 'tp-model';
const MARKER = 'data-source-ran';
/** Creates the marker on the model volume if bash ever runs it. */
const HOSTILE = `$(touch /mnt/models/${MARKER})`;

let cluster: DevCluster;
let project: ExecutedProject;
let tasks: any[];

const admin = () => adminClient(cluster);

async function create(resource: any, body: any) {
  await admin().createObject({ resource, namespace: NS, body });
}

/** Runs the train Task `task` with data-source HOSTILE until it ends. */
async function trainRun(name: string, task: string) {
  await create(PROJECT_KINDS.taskRuns, {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: { name },
    spec: {
      taskRef: { name: task },
      serviceAccountName: `${MODEL}-pipeline`,
      params: Object.entries({
        'model-name': MODEL,
        'notebook-path': 'notebooks/train.ipynb',
        'git-url': 'https://git.example.com/tp-model.git',
        'data-source': HOSTILE,
      }).map(([k, value]) => ({ name: k, value })),
      workspaces: [
        {
          name: 'model-storage',
          persistentVolumeClaim: { claimName: `${MODEL}-models` },
        },
      ],
    },
  });
  return project.endedTaskRun(name, 300_000);
}

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  project = new ExecutedProject(cluster, admin(), NS, MODEL);
  await ensureNamespace(admin(), NS);
  const dir = await renderSkeleton(
    skeletonValues({ name: MODEL, namespace: NS }),
  );
  const objectsOf = async (file: string) =>
    parseAllDocuments(await readFile(join(dir, 'k8s/base', file), 'utf8')).map(
      d => d.toJS(),
    );
  tasks = await objectsOf('tekton-tasks.yaml');
  // What the train Task needs: its ServiceAccount and the model volume.
  for (const sa of await objectsOf('serviceaccounts.yaml')) {
    if (sa.metadata.name === `${MODEL}-pipeline`) {
      await create({ group: '', version: 'v1', plural: 'serviceaccounts' }, sa);
    }
  }
  for (const pvc of await objectsOf('storage.yaml')) {
    if (pvc.metadata.name === `${MODEL}-models`) {
      await create(
        { group: '', version: 'v1', plural: 'persistentvolumeclaims' },
        pvc,
      );
    }
  }
});

describe("the New ML model template's Tasks on the dev cluster", () => {
  it('a data-source holding a shell command reaches the train task as data: refused in words, never run; spliced into the script it runs', async () => {
    if (!cluster.state.execute) {
      // eslint-disable-next-line no-console
      console.warn('skipped: this dev cluster executes nothing');
      return;
    }
    const train = structuredClone(
      tasks.find(
        t => t.kind === 'Task' && t.metadata.name === `${MODEL}-train`,
      ),
    );
    await create(PROJECT_KINDS.tasks, train);

    const tr = await trainRun('tp-env', `${MODEL}-train`);
    expect(ExecutedProject.succeeded(tr)).toMatchObject({
      status: 'False',
      reason: 'StepFailed',
    });
    expect(await project.stepLog(tr, 'check-params')).toContain(
      `param data-source must be synthetic, prometheus or hybrid, not "${HOSTILE}"\n`,
    );
    expect(existsSync(project.volumePath(MARKER))).toBe(false);

    // The step as it was written before: the param in the script's text.
    const spliced = structuredClone(train);
    spliced.metadata = { name: `${MODEL}-train-spliced` };
    const check = spliced.spec.steps.find(
      (s: any) => s.name === 'check-params',
    );
    delete check.env;
    check.script = check.script
      .replaceAll('${DATA_SOURCE}', '$(params.data-source)')
      .replaceAll('${GPUS}', '$(params.gpus)');
    await create(PROJECT_KINDS.tasks, spliced);
    const ran = await trainRun('tp-spliced', `${MODEL}-train-spliced`);
    expect(ExecutedProject.succeeded(ran)?.status).toBe('False');
    expect(existsSync(project.volumePath(MARKER))).toBe(true);
    expect(await project.stepLog(ran, 'check-params')).not.toContain(HOSTILE);
  });
});
