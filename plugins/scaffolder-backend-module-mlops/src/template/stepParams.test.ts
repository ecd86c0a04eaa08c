import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderSkeleton, skeletonValues } from './__testUtils__/renderSkeleton';
import { runTaskStep, TaskStep } from './__testUtils__/runTaskStep';
import { objectsOf } from './__testUtils__/skeletonRules';

// templates/ml-model's Task steps take params (and context) as data: Tekton splices a
// value used in a script into the script's text before it runs, so each step gets its
// values as env vars (tektoncd/pipeline docs/tasks.md, "Substituting in Script
// blocks"), and the values that go on into a manifest or a JSON patch are quoted
// there. Each step runs here after Tekton's substitution, with values a user could
// give: commands in `$(…)` and backquotes, quotes, colons, `#`, spaces and newlines.
// The skeleton rules refuse a spliced value in any step (src/template/
// mlModelTemplate.test.ts); the executed run is
// src/integration/taskParams.integration.test.ts.

let steps: (task: string, step: string) => TaskStep;

beforeAll(async () => {
  const dir = await renderSkeleton(skeletonValues());
  const objects = objectsOf(
    readFileSync(join(dir, 'k8s/base/tekton-tasks.yaml'), 'utf8'),
  ) as any[];
  steps = (task, step) =>
    objects
      .find(
        o => o.kind === 'Task' && o.metadata.name === `fraud-scorer-${task}`,
      )
      .spec.steps.find((s: TaskStep) => s.name === step);
});

/** A folder for one run, with a marker file that a value run as code would create. */
function workdir() {
  const dir = mkdtempSync(join(tmpdir(), 'step-params-'));
  return { dir, marker: join(dir, 'ran') };
}

/**
 * An `oc` that answers what the steps ask (the ImageStream's image, a Succeeded
 * validation job, one ready predictor pod with this TaskRun's stamp) and keeps what
 * they create or patch in `dir`.
 */
function fakeOc(dir: string) {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'oc'),
    [
      '#!/bin/bash',
      'case "$1 $2" in',
      '  "get imagestream") echo "registry.local/ns/fraud-scorer-notebook@sha256:0a1b" ;;',
      '  "get notebookvalidationjob") echo Succeeded ;;',
      `  "create -f") cat > '${dir}/created.yaml' ;;`,
      `  "patch inferenceservice") printf '%s' "\${@: -1}" > '${dir}/patch.json' ;;`,
      '  "get pods") printf \'predictor-1|%s|True|\\n\' "${TASK_RUN}" ;;',
      '  *) echo "unexpected: oc $*" >&2; exit 2 ;;',
      'esac',
    ].join('\n'),
  );
  chmodSync(join(bin, 'oc'), 0o755);
  return bin;
}

describe("templates/ml-model's steps take params as data", () => {
  it('check-params: a data-source holding a command is refused with the value as given, and nothing runs', () => {
    const { marker } = workdir();
    const value = `$(touch ${marker}) \`touch ${marker}\` "hybrid"`;
    const run = runTaskStep(steps('train', 'check-params'), {
      params: { 'data-source': value, gpus: '0' },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      `param data-source must be synthetic, prometheus or hybrid, not "${value}"\n`,
    );
    expect(existsSync(marker)).toBe(false);
  });

  it('create-validation-job: the git URL and ref, notebook path and names reach the NotebookValidationJob unchanged', () => {
    const { dir, marker } = workdir();
    const params = {
      'model-name': 'fraud-scorer',
      'notebook-path': 'notebooks/my train: v2 #1.ipynb',
      'data-source': 'synthetic',
      'git-url': `https://git.example.com/a b?x="1"&y='2'`,
      'git-ref': `$(touch ${marker})\nrelease/1.0 \`touch ${marker}\``,
      gpus: '0',
      'pipeline-run': 'train-fraud-scorer-x7k2p',
    };
    const run = runTaskStep(steps('train', 'create-validation-job'), {
      params,
      taskRun: 'train-fraud-scorer-x7k2p-train-model',
      results: { candidate: join(dir, 'candidate') },
      path: [fakeOc(dir)],
    });
    expect(run.output).toContain('training succeeded');
    expect(run.status).toBe(0);
    const job = parse(readFileSync(join(dir, 'created.yaml'), 'utf8'));
    expect(job.metadata.labels).toEqual({
      'model-name': 'fraud-scorer',
      'tekton.dev/pipelineRun': 'train-fraud-scorer-x7k2p',
    });
    expect(job.spec.notebook).toEqual({
      git: { url: params['git-url'], ref: params['git-ref'] },
      path: params['notebook-path'],
    });
    expect(job.spec.podConfig.env).toEqual([
      { name: 'DATA_SOURCE', value: 'synthetic' },
      { name: 'MODEL_NAME', value: 'fraud-scorer' },
      {
        name: 'CANDIDATE_DIR',
        value: '/mnt/models/fraud-scorer/candidates/train-fraud-scorer-x7k2p',
      },
    ]);
    expect(job.spec.podConfig.containerImage).toBe(
      'registry.local/ns/fraud-scorer-notebook@sha256:0a1b',
    );
    expect(readFileSync(join(dir, 'candidate'), 'utf8')).toBe(
      'fraud-scorer/candidates/train-fraud-scorer-x7k2p',
    );
    expect(existsSync(marker)).toBe(false);
  });

  it('promote and restart-serving: a candidate directory with quotes and `$(…)` is promoted and recorded as it is named', () => {
    const { dir, marker } = workdir();
    const candidate = `fraud-scorer/candidates/run "1" $(touch ${marker})`;
    const from = join(dir, candidate);
    mkdirSync(join(from, 'model'), { recursive: true });
    writeFileSync(join(from, 'model', 'model.pkl'), 'model');
    writeFileSync(join(from, 'metrics.json'), '{"rmse": 0.7}');
    writeFileSync(join(from, 'sample-inputs.json'), '[[1, 2]]');
    writeFileSync(join(from, 'sample-predictions.json'), '[3]');
    const promote = runTaskStep(steps('deploy', 'promote'), {
      params: { 'model-name': 'fraud-scorer', candidate },
      modelVolume: dir,
      results: {
        'sample-inputs': join(dir, 'inputs'),
        'sample-predictions': join(dir, 'predictions'),
      },
    });
    expect(promote.output).toContain('promoted');
    expect(promote.status).toBe(0);
    expect(
      readFileSync(join(dir, 'fraud-scorer', 'served', 'model.pkl'), 'utf8'),
    ).toBe('model');
    expect(readFileSync(join(dir, 'fraud-scorer', 'served-from'), 'utf8')).toBe(
      `${candidate}\n`,
    );

    const restart = runTaskStep(steps('deploy', 'restart-serving'), {
      params: {
        'inference-service-name': 'fraud-scorer',
        candidate,
        'pipeline-run': 'train-fraud-scorer-x7k2p',
      },
      taskRun: 'train-fraud-scorer-x7k2p-deploy-model',
      path: [fakeOc(dir)],
    });
    expect(restart.output).toContain('ready with the promoted model');
    expect(restart.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'patch.json'), 'utf8'))).toEqual({
      metadata: {
        annotations: {
          'mlops.dev/served-run': 'train-fraud-scorer-x7k2p',
          'mlops.dev/served-model-version': candidate,
        },
      },
      spec: {
        predictor: {
          annotations: {
            'mlops.dev/promoted-by': 'train-fraud-scorer-x7k2p-deploy-model',
          },
        },
      },
    });
    expect(existsSync(marker)).toBe(false);
  });
});
