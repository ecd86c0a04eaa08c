import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mlopsMetricDirection } from '@backstage-mlops/plugin-mlops-common';
import { renderSkeleton, skeletonValues } from './__testUtils__/renderSkeleton';
import { objectsOf } from './__testUtils__/skeletonRules';
import { runTaskStep, TaskStep } from './__testUtils__/runTaskStep';

// The baseline gate of templates/ml-model (the health check's compare-with-served
// step), run with python3 on a folder that stands for the model volume: Tekton's
// substitutions of the step are made here the way the dev cluster makes them. The
// end-to-end run of the gate on the executing dev cluster is
// src/integration/baselineGate.integration.test.ts.

let compareWithServed: TaskStep;
let reportMetrics: TaskStep;

beforeAll(async () => {
  const dir = await renderSkeleton(skeletonValues());
  const objects = objectsOf(
    readFileSync(join(dir, 'k8s/base/tekton-tasks.yaml'), 'utf8'),
  ) as any[];
  const step = (task: string, name: string): TaskStep =>
    objects
      .find(o => o.metadata?.name === task)
      .spec.steps.find((s: { name: string }) => s.name === name);
  compareWithServed = step('fraud-scorer-health-check', 'compare-with-served');
  reportMetrics = step('fraud-scorer-train', 'report-metrics');
});

/** Runs the train task's report-metrics step (bash) on a candidate's metrics.json. */
function report(metricsJson: string) {
  const root = mkdtempSync(join(tmpdir(), 'report-metrics-'));
  mkdirSync(join(root, 'm', 'candidates', 'run-1'), { recursive: true });
  writeFileSync(
    join(root, 'm', 'candidates', 'run-1', 'metrics.json'),
    metricsJson,
  );
  writeFileSync(join(root, 'candidate'), 'm/candidates/run-1');
  const resultPath = join(root, 'metrics-result');
  const run = runTaskStep(reportMetrics, {
    modelVolume: root,
    results: { candidate: join(root, 'candidate'), metrics: resultPath },
  });
  let result: string | undefined;
  try {
    result = readFileSync(resultPath, 'utf8');
  } catch {
    result = undefined;
  }
  return { exitCode: run.status, result, output: run.output };
}

describe("templates/ml-model's train task reports the notebook's metrics", () => {
  it('forwards a JSON object of metric name to finite number as the result metrics', () => {
    const written = '{"rmse": 0.7194, "mae": 0.469, "r2": -1.5e-03}';
    expect(report(written)).toMatchObject({ exitCode: 0, result: written });
  });

  it.each([
    ['NaN', '{"rmse": NaN}'],
    ['Infinity', '{"rmse": Infinity}'],
    ['a string', '{"rmse": "0.7"}'],
    ['a nested object', '{"rmse": {"value": 0.7}}'],
    ['a list', '[0.7]'],
    ['an empty object', '{}'],
  ])('refuses %s, saying what it must be', (_what, written) => {
    const { exitCode, result, output } = report(written);
    expect([exitCode, result]).toEqual([1, undefined]);
    expect(output).toContain(
      'must be a JSON object of metric name to finite number',
    );
  });

  it('refuses metrics over 1 KiB (Task results share the 4096-byte termination message)', () => {
    const big = JSON.stringify(
      Object.fromEntries(
        Array.from({ length: 80 }, (_, i) => [`metric_${i}`, i]),
      ),
    );
    const { exitCode, output } = report(big);
    expect(exitCode).toBe(1);
    expect(output).toContain('metrics must stay under 1 KiB');
  });
});

/** Runs the gate on a candidate's metrics, with the served model's (if any). */
function gate(options: {
  candidate: Record<string, unknown>;
  served?: Record<string, unknown>;
  maxRegression?: string;
}) {
  const root = mkdtempSync(join(tmpdir(), 'baseline-gate-'));
  const candidateDir = join(root, 'm', 'candidates', 'run-2');
  mkdirSync(candidateDir, { recursive: true });
  writeFileSync(
    join(candidateDir, 'metrics.json'),
    JSON.stringify(options.candidate),
  );
  if (options.served) {
    writeFileSync(
      join(root, 'm', 'served-metrics.json'),
      JSON.stringify(options.served),
    );
  }
  const resultPath = join(root, 'gate-result');
  const run = runTaskStep(compareWithServed, {
    modelVolume: root,
    params: {
      candidate: 'm/candidates/run-2',
      'model-name': 'm',
      'max-regression': options.maxRegression ?? '0.02',
    },
    results: { gate: resultPath },
  });
  let result: string | undefined;
  try {
    result = readFileSync(resultPath, 'utf8');
  } catch {
    result = undefined;
  }
  return { exitCode: run.status, result, output: run.output };
}

describe("templates/ml-model's baseline gate", () => {
  it('passes the first model: nothing is served yet', () => {
    expect(gate({ candidate: { rmse: 0.7 } })).toMatchObject({
      exitCode: 0,
      result: 'passes: no served model to compare with (the first model)',
    });
  });

  it('refuses a candidate whose error grew by more than max-regression, in words', () => {
    expect(
      gate({
        candidate: { mae: 0.9711, r2: 0.8925, rmse: 1.2438 },
        served: { mae: 0.469, r2: 0.9619, rmse: 0.7194 },
      }),
    ).toMatchObject({
      exitCode: 1,
      result:
        'not promoted: mae 0.9711 > served 0.469 + 0.02; r2 0.8925 < served 0.9619 − 0.02; rmse 1.244 > served 0.7194 + 0.02',
    });
  });

  it("refuses a classifier whose accuracy dropped below the served one's minus the threshold", () => {
    expect(
      gate({
        candidate: { accuracy: 0.81, f1: 0.85 },
        served: { accuracy: 0.86, f1: 0.85 },
      }),
    ).toMatchObject({
      exitCode: 1,
      result: 'not promoted: accuracy 0.81 < served 0.86 − 0.02',
    });
  });

  it('passes a candidate within the threshold, and compares only the metrics both have', () => {
    expect(
      gate({
        candidate: { rmse: 0.73, r2: 0.955, brand_new: 3 },
        served: { rmse: 0.7194, r2: 0.9619, retired: 1 },
      }),
    ).toMatchObject({
      exitCode: 0,
      result:
        'passes: r2 0.955 (served 0.9619), rmse 0.73 (served 0.7194), within 0.02',
    });
    expect(
      gate({ candidate: { rmse: 0.7 }, served: { accuracy: 0.9 } }),
    ).toMatchObject({
      exitCode: 0,
      result:
        'passes: the served model has no metric in common with the candidate (accuracy)',
    });
  });

  it('takes max-regression from the param, and refuses one that is not a number >= 0', () => {
    expect(
      gate({
        candidate: { accuracy: 0.81 },
        served: { accuracy: 0.86 },
        maxRegression: '0.1',
      }).exitCode,
    ).toBe(0);
    const bad = gate({
      candidate: { accuracy: 0.81 },
      served: { accuracy: 0.86 },
      maxRegression: 'a lot',
    });
    expect(bad.exitCode).toBe(1);
    expect(bad.output).toContain(
      'param max-regression must be a number >= 0, not "a lot"',
    );
    expect(bad.result).toBeUndefined();
  });

  it('takes max-regression as data: a value that is Python code is refused in words, never run', () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'gate-marker-')), 'ran');
    // Spliced into `float("…")`, this would be valid Python that creates the marker.
    const code = `0"); import pathlib; pathlib.Path("${marker}").touch(); ("`;
    const run = gate({
      candidate: { accuracy: 0.81 },
      served: { accuracy: 0.86 },
      maxRegression: code,
    });
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain(
      `param max-regression must be a number >= 0, not "${code}"`,
    );
    expect(existsSync(marker)).toBe(false);
  });

  it("judges each metric's direction as the plugins do (mlopsMetricDirection)", () => {
    const names = [
      'rmse',
      'RMSE',
      'mae',
      'mse',
      'mape',
      'loss',
      'log_loss',
      'logloss',
      'val_loss',
      'mean_absolute_error',
      'hinge-loss',
      'accuracy',
      'f1',
      'roc_auc',
      'r2',
      'precision',
    ];
    for (const name of names) {
      // A candidate 0.5 bigger than the served model: worse exactly when smaller is better.
      const { exitCode } = gate({
        candidate: { [name]: 1.5 },
        served: { [name]: 1 },
      });
      expect([name, exitCode === 1 ? 'lower' : 'higher']).toEqual([
        name,
        mlopsMetricDirection(name),
      ]);
    }
  });
});
