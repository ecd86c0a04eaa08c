// Runs one step of a rendered Task on this machine (bash or python3, by its shebang)
// after Tekton's substitution, for the steps whose logic needs no cluster. Tekton
// substitutes params, context, workspaces and results in a step's script and env
// values, one pass per kind, each pass one scan (tektoncd/pipeline
// pkg/reconciler/taskrun/resources/apply.go, pkg/substitution/substitution.go
// ApplyReplacements, pkg/container/container_replacements.go for env values); so a
// value spliced into a script runs as code here exactly as it would in the pod.
import { spawnSync } from 'node:child_process';

/** A step of a Task as the skeleton declares it. */
export interface TaskStep {
  name: string;
  script: string;
  env?: Array<{ name: string; value?: string }>;
}

/** What one TaskRun gives the step. */
export interface StepRun {
  /** The TaskRun's params (every param the step refers to). */
  params?: Record<string, string>;
  /** `context.taskRun.name`. */
  taskRun?: string;
  /** Result name → the file that stands for `$(results.<name>.path)`. */
  results?: Record<string, string>;
  /** A folder that stands for the model volume, mounted at /mnt/models. */
  modelVolume?: string;
  /** Folders put first on PATH (a fake `oc`, say). */
  path?: string[];
}

/** One pass of Tekton's substitution: every `$(<prefix>…)` it knows, in one scan. */
function pass(
  text: string,
  pattern: RegExp,
  value: (name: string, reference: string) => string,
): string {
  return text.replace(pattern, (reference, name: string) =>
    value(name, reference),
  );
}

/** The step's script and env after Tekton's substitution for `run`. */
export function substituteStep(step: TaskStep, run: StepRun) {
  const known =
    (kind: string, values: Record<string, string> | undefined) =>
    (name: string, reference: string) => {
      const found = values?.[name];
      if (found === undefined) {
        throw new Error(`step ${step.name} uses ${reference}: give ${kind}`);
      }
      return found;
    };
  const substitute = (text: string) => {
    let out = pass(
      text,
      /\$\(params\.([\w-]+)\)/g,
      known('run.params', run.params),
    );
    out = pass(
      out,
      /\$\(context\.taskRun\.(name)\)/g,
      known('run.taskRun', run.taskRun ? { name: run.taskRun } : undefined),
    );
    out = pass(
      out,
      /\$\(workspaces\.model-storage\.(path)\)/g,
      known('run.modelVolume', { path: '/mnt/models' }),
    );
    return pass(
      out,
      /\$\(results\.([\w-]+)\.path\)/g,
      known('run.results', run.results),
    );
  };
  return {
    script: substitute(step.script),
    env: Object.fromEntries(
      (step.env ?? []).map(e => [e.name, substitute(e.value ?? '')]),
    ),
  };
}

/**
 * Runs the step as its pod would: the substituted script, the substituted env values
 * as its environment, /mnt/models as `run.modelVolume`.
 */
export function runTaskStep(step: TaskStep, run: StepRun = {}) {
  const { script, env } = substituteStep(step, run);
  const source = run.modelVolume
    ? script.replaceAll('/mnt/models', run.modelVolume)
    : script;
  const shebang = source.split('\n', 1)[0];
  const interpreter = shebang.includes('python3') ? 'python3' : 'bash';
  const result = spawnSync(interpreter, ['-c', source], {
    encoding: 'utf8',
    env: {
      PATH: [...(run.path ?? []), process.env.PATH].join(':'),
      ...env,
    },
  });
  if (result.error) throw result.error;
  return {
    status: result.status,
    stdout: result.stdout,
    output: result.stdout + result.stderr,
  };
}
