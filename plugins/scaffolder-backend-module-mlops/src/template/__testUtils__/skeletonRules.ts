// What a generated model project must never contain (the seeds' decisions): runtime
// pip, the anyuid SCC, a hard-coded UID, a tekton.dev/v1beta1-only field on a v1
// object, an unpinned requirement. Works on the parsed objects (comments that explain
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
    for (const match of v.matchAll(/<<\s*EOF\n([\s\S]*?)\n\s*EOF/g)) {
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
