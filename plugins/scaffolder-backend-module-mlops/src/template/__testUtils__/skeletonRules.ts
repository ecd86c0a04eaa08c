// What a generated model project must never contain (the seeds' decisions): runtime
// pip, the anyuid SCC, a hard-coded UID, a tekton.dev/v1beta1-only field on a v1
// object, an unpinned requirement; and what a stock OpenShift AI cluster refuses or
// breaks (issue 21): a Tekton field behind an alpha feature flag that OpenShift
// Pipelines leaves off, a Pipeline-only variable in a Task's steps, an `oc` call the
// pipeline's Role does not allow; and a param or context value spliced into a step's
// script (it runs as code; docs/tasks.md "Substituting in Script blocks"). Works on the parsed objects (comments that explain
// the rules do not count), including objects embedded in scripts (heredocs) and
// TriggerTemplate resource templates.
import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';

type Json = unknown;

function walk(
  value: Json,
  visit: (key: string, v: Json, path: string) => void,
  path = '',
) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      visit(String(i), v, `${path}[${i}]`);
      walk(v, visit, `${path}[${i}]`);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v, `${path}.${k}`);
      walk(v, visit, `${path}.${k}`);
    }
  }
}

/** The YAML of every `<<EOF … EOF` heredoc in the string values of an object. */
function heredocObjects(object: Json): Json[] {
  const found: Json[] = [];
  walk(object, (_k, v) => {
    if (typeof v !== 'string') return;
    for (const match of v.matchAll(/<<\s*EOF[^\n]*\n([\s\S]*?)\n\s*EOF/g)) {
      const lines = match[1].split('\n');
      const indent = Math.min(
        ...lines
          .filter(l => l.trim())
          .map(l => l.length - l.trimStart().length),
      );
      const text = lines.map(l => l.slice(indent)).join('\n');
      for (const doc of parseAllDocuments(text)) found.push(doc.toJS());
    }
  });
  return found;
}

/** Every object of a YAML text, with the ones embedded in it. */
export function objectsOf(text: string): Array<Record<string, Json>> {
  const top = parseAllDocuments(text)
    .map(d => d.toJS())
    .filter(Boolean);
  const all: Json[] = [...top];
  for (const object of top) {
    all.push(...heredocObjects(object));
    walk(object, (k, v) => {
      if (k === 'resourcetemplates' && Array.isArray(v)) all.push(...v);
    });
  }
  return all as Array<Record<string, Json>>;
}

const V1BETA1_ONLY: Record<string, RegExp> = {
  PipelineRun:
    /^\.spec\.(timeout|serviceAccountName|serviceAccountNames|podTemplate|resources)$|\.taskServiceAccountName$|\.taskPodTemplate$/,
  TaskRun: /^\.spec\.(resources)$|\.steps\[\d+\]\.resources$/,
  Pipeline:
    /^\.spec\.resources$|\.tasks\[\d+\]\.resources$|\.finally\[\d+\]\.resources$/,
  Task: /^\.spec\.resources$|\.steps\[\d+\]\.resources$|\.sidecars\[\d+\]\.resources$/,
};

/**
 * Fields gated by a Tekton feature flag that OpenShift Pipelines leaves at Tekton's
 * default, off (tektoncd/operator tektonpipeline_defaults.go; the gates:
 * tektoncd/pipeline param_types.go validateParamEnums, when_validation.go).
 */
function featureGatedProblems(
  where: string,
  spec: Record<string, any>,
  path: string,
) {
  const problems: string[] = [];
  for (const param of spec?.params ?? []) {
    if (Array.isArray(param?.enum)) {
      problems.push(
        `${where}${path}.params[${param.name}].enum: needs Tekton's alpha feature flag enable-param-enum, off on OpenShift Pipelines`,
      );
    }
  }
  for (const section of ['tasks', 'finally']) {
    (spec?.[section] ?? []).forEach((task: Record<string, any>, i: number) => {
      (task?.when ?? []).forEach((when: Record<string, any>, j: number) => {
        if (when?.cel !== undefined) {
          problems.push(
            `${where}${path}.${section}[${i}].when[${j}].cel: needs Tekton's alpha feature flag enable-cel-in-whenexpression, off on OpenShift Pipelines`,
          );
        }
      });
      if (task?.taskSpec)
        problems.push(
          ...featureGatedProblems(
            where,
            task.taskSpec,
            `${path}.${section}[${i}].taskSpec`,
          ),
        );
    });
  }
  return problems;
}

/** Variables Tekton substitutes in Pipelines only (tektoncd/pipeline docs/variables.md). */
const PIPELINE_ONLY_VARIABLE =
  /\$\((context\.(pipelineRun|pipeline|pipelineTask)\.[^)]*|tasks\.[^)]*)\)/;

/** A Task's steps that use a variable only a Pipeline has: left as text, bash runs it. */
function pipelineOnlyVariableProblems(
  where: string,
  spec: Record<string, any>,
) {
  const problems: string[] = [];
  (spec?.steps ?? []).forEach((step: Record<string, any>, i: number) => {
    const fields: Array<[string, unknown]> = [
      ['script', step?.script],
      ...((step?.command ?? []) as unknown[]).map(
        (c, j) => [`command[${j}]`, c] as [string, unknown],
      ),
      ...((step?.args ?? []) as unknown[]).map(
        (a, j) => [`args[${j}]`, a] as [string, unknown],
      ),
      ...((step?.env ?? []) as Array<{ name: string; value?: unknown }>).map(
        e => [`env[${e.name}]`, e.value] as [string, unknown],
      ),
    ];
    for (const [field, value] of fields) {
      const match =
        typeof value === 'string' ? PIPELINE_ONLY_VARIABLE.exec(value) : null;
      if (match) {
        problems.push(
          `${where}.spec.steps[${i}].${field}: ${match[0]} is substituted in Pipelines only, never in a Task (pass it as a param)`,
        );
      }
    }
  });
  return problems;
}

/** A variable Tekton substitutes in a Task's step (tektoncd/pipeline docs/variables.md). */
const TASK_VARIABLE =
  /\$\((params|context\.(taskRun|task)|workspaces|results|steps|credentials)[.[][^()\s]*\)/g;
/** The paths Tekton itself sets, which a script may use (pkg/apis/pipeline/paths.go). */
const TEKTON_PATH =
  /^\$\(((results|workspaces)(\.[\w-]+|\[["'][\w-]+["']\])\.path|steps\.[\w-]+\.exitCode\.path|credentials\.path)\)$/;

/**
 * A Task's steps whose script has a param or context value spliced into its text:
 * Tekton substitutes it before bash or python parses the script, so a quote or `$(…)`
 * in the value runs as code. tektoncd/pipeline docs/tasks.md, "Substituting in Script
 * blocks": pass it as an env var instead (`env: [{name: X, value: $(params.x)}]`).
 */
function scriptVariableProblems(where: string, spec: Record<string, any>) {
  const problems: string[] = [];
  (spec?.steps ?? []).forEach((step: Record<string, any>, i: number) => {
    const script = typeof step?.script === 'string' ? step.script : '';
    const spliced = new Set(
      [...script.matchAll(TASK_VARIABLE)]
        .map(m => m[0])
        .filter(v => !TEKTON_PATH.test(v)),
    );
    for (const variable of spliced) {
      problems.push(
        `${where}.spec.steps[${i}].script: ${variable} is spliced into the script's text before it runs; pass it as an env var (tektoncd/pipeline docs/tasks.md, "Substituting in Script blocks")`,
      );
    }
  });
  return problems;
}

/** Problems of the objects (see the file header); empty when the project is clean. */
export function objectProblems(objects: Array<Record<string, Json>>): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    const kind = String(object.kind);
    const name = String((object.metadata as { name?: string })?.name ?? '');
    const where = `${kind} ${name}`;
    walk(object, (key, value, path) => {
      if (typeof value === 'string') {
        if (/(^|[\s;&|!%])(pip3?|python3? -m pip)\s+install\b/m.test(value)) {
          problems.push(`${where}${path}: installs packages at runtime`);
        }
        if (/anyuid/.test(value)) {
          problems.push(`${where}${path}: uses the anyuid SCC`);
        }
        if (/^\s*USER\s+\d+/m.test(value)) {
          problems.push(`${where}${path}: hard-codes a UID`);
        }
      }
      if (
        ['runAsUser', 'runAsGroup', 'fsGroup'].includes(key) &&
        value !== undefined
      ) {
        problems.push(`${where}${path}: hard-codes a UID`);
      }
      if (
        String(object.apiVersion) === 'tekton.dev/v1' &&
        V1BETA1_ONLY[kind]?.test(path)
      ) {
        problems.push(`${where}${path}: v1beta1-only field on tekton.dev/v1`);
      }
    });
    if (/^tekton\.dev\/v1beta1$/.test(String(object.apiVersion))) {
      problems.push(`${where}: uses tekton.dev/v1beta1 instead of v1`);
    }
    if (String(object.apiVersion).startsWith('tekton.dev/')) {
      const spec = (object.spec ?? {}) as Record<string, any>;
      if (kind === 'Pipeline' || kind === 'Task') {
        problems.push(...featureGatedProblems(where, spec, '.spec'));
      }
      if (kind === 'PipelineRun' && spec.pipelineSpec) {
        problems.push(
          ...featureGatedProblems(
            where,
            spec.pipelineSpec,
            '.spec.pipelineSpec',
          ),
        );
      }
      if (kind === 'Task') {
        problems.push(...pipelineOnlyVariableProblems(where, spec));
        problems.push(...scriptVariableProblems(where, spec));
      }
    }
  }
  problems.push(...ocPermissionProblems(objects));
  return problems;
}

/** `oc` resource names (singular, plural, short) to the resource RBAC names. */
const OC_RESOURCES: Record<string, { group: string; resource: string }> = {};
for (const [group, resource, ...aliases] of [
  ['serving.kserve.io', 'inferenceservices', 'inferenceservice', 'isvc'],
  ['mlops.mlops.dev', 'notebookvalidationjobs', 'notebookvalidationjob', 'nvj'],
  ['image.openshift.io', 'imagestreams', 'imagestream', 'is'],
  ['tekton.dev', 'pipelineruns', 'pipelinerun', 'pr'],
  ['', 'pods', 'pod', 'po'],
]) {
  for (const name of [resource, ...aliases])
    OC_RESOURCES[name] = { group, resource };
}
const KIND_RESOURCES: Record<string, string> = {
  NotebookValidationJob: 'notebookvalidationjob',
  PipelineRun: 'pipelinerun',
  InferenceService: 'inferenceservice',
};

/**
 * The RBAC verbs one `oc` command line needs: `get` of a named object, `list` with a
 * selector or without a name, `patch`, `create -f` of the kind in the script, and
 * `oc wait`, which lists and watches with a field selector (kubernetes kubectl
 * pkg/cmd/wait/condition.go).
 */
function ocNeeds(line: string, script: string) {
  const words = line
    .trim()
    .split(/\s+/)
    .map(w => w.replace(/^["']|["']$/g, ''));
  const [verb, ...rest] = words;
  const args = rest.filter(w => !w.startsWith('-'));
  const selector = rest.some(w => w === '-l' || w.startsWith('--selector'));
  if (verb === 'create' && rest.includes('-f')) {
    const kind = /^\s*kind:\s*(\w+)/m.exec(script)?.[1];
    return kind && KIND_RESOURCES[kind]
      ? [{ verbs: ['create'], resource: KIND_RESOURCES[kind] }]
      : [];
  }
  const [target, name] = args;
  const resource = target?.split('/')[0];
  if (!resource) return [];
  const named = Boolean(name) || target.includes('/');
  const verbsOf: Record<string, string[]> = {
    wait: ['list', 'watch'],
    get: [selector || !named ? 'list' : 'get'],
    patch: ['patch'],
    label: ['patch'],
    annotate: ['patch'],
    delete: ['delete'],
  };
  const verbs = verbsOf[verb] ?? [];
  return verbs.length ? [{ verbs, resource }] : [];
}

/** The text of one command: up to a `|`, `;`, `&` or the `)` closing its `$(`. */
function ownCommand(rest: string) {
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '(') depth++;
    else if (c === ')' && depth-- === 0) return rest.slice(0, i);
    else if (depth === 0 && '|;&'.includes(c)) return rest.slice(0, i);
  }
  return rest;
}

/**
 * The `oc` calls of the pipeline's Task steps (and the CronJob that starts runs) that
 * the generated Role does not allow: the ServiceAccount gets Forbidden at run time.
 */
export function ocPermissionProblems(
  objects: Array<Record<string, Json>>,
): string[] {
  const roles = objects.filter(o => o.kind === 'Role') as Array<{
    metadata: { name: string };
    rules: Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }>;
  }>;
  if (roles.length === 0) return [];
  const allowed = (group: string, resource: string, verb: string) =>
    roles.some(role =>
      role.rules.some(
        r =>
          r.apiGroups.includes(group) &&
          r.resources.includes(resource) &&
          r.verbs.includes(verb),
      ),
    );
  const scripts: Array<[string, string]> = [];
  for (const object of objects) {
    const name = String((object.metadata as { name?: string })?.name ?? '');
    if (object.kind === 'Task') {
      ((object.spec as any)?.steps ?? []).forEach(
        (step: { name: string; script?: string }) => {
          if (step.script)
            scripts.push([`Task ${name} step ${step.name}`, step.script]);
        },
      );
    }
    if (object.kind === 'CronJob') {
      walk(object, (_k, v) => {
        if (typeof v === 'string' && /(^|\n)\s*oc\s/.test(v))
          scripts.push([`CronJob ${name}`, v]);
      });
    }
  }
  const problems: string[] = [];
  for (const [where, script] of scripts) {
    // Continuation lines (ending in a backslash) belong to one command.
    const lines = script
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .filter(line => !/^\s*#/.test(line));
    for (const line of lines) {
      for (const call of line.matchAll(/(?:^|[\s|;&(])oc\s+(.*)/g)) {
        call[1] = ownCommand(call[1]);
        for (const need of ocNeeds(call[1], script)) {
          const target = OC_RESOURCES[need.resource];
          if (!target) continue;
          const missing = need.verbs.filter(
            v => !allowed(target.group, target.resource, v),
          );
          if (missing.length) {
            problems.push(
              `${where}: "oc ${call[1].trim()}" needs ${missing.join(
                ', ',
              )} on ${target.resource}${
                target.group ? `.${target.group}` : ''
              }, which the pipeline's Role does not grant`,
            );
          }
        }
      }
    }
  }
  return problems;
}

/** Problems of a requirements.txt: every requirement pinned with `==`, papermill present. */
export function requirementsProblems(text: string): string[] {
  const lines = text
    .split('\n')
    .map(l => l.replace(/#.*/, '').trim())
    .filter(Boolean);
  const problems = lines
    .filter(l => !/^[A-Za-z0-9_.-]+(\[[^\]]+\])?==[0-9][^\s;]*$/.test(l))
    .map(l => `requirements.txt: "${l}" is not pinned with ==`);
  for (const needed of ['papermill', 'nbformat', 'nbconvert']) {
    if (!lines.some(l => l.toLowerCase().startsWith(`${needed}==`))) {
      problems.push(`requirements.txt: ${needed} is not pinned`);
    }
  }
  return problems;
}

/** Problems of a notebook: no `pip install` (or %pip / !pip) in code cells. */
export function notebookProblems(text: string, file: string): string[] {
  const notebook = JSON.parse(text) as {
    cells: Array<{ cell_type: string; source: string[] | string }>;
  };
  return notebook.cells
    .map((cell, i) => ({
      i,
      cell,
      source: ([] as string[]).concat(cell.source).join(''),
    }))
    .filter(
      ({ cell, source }) =>
        cell.cell_type === 'code' &&
        /(^|\s|[!%])pip3?\s+install\b/m.test(source),
    )
    .map(({ i }) => `${file}: cell ${i} installs packages at runtime`);
}

/**
 * Problems of Python source (a notebook cell, a Task script): a syntax error after
 * rendering, as `python3`'s own parser reports it. Needs `python3` on the PATH.
 */
export function pythonSyntaxProblems(source: string, where: string): string[] {
  const result = spawnSync(
    'python3',
    ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'],
    { input: source, encoding: 'utf8' },
  );
  if (result.error) {
    throw new Error(`python3 is needed to check ${where}: ${result.error}`);
  }
  if (result.status === 0) return [];
  const lastLine = result.stderr.trim().split('\n').pop();
  return [`${where}: not valid Python (${lastLine})`];
}
