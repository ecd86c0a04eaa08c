import {
  KUBERNETES_ANNOTATION_NAMESPACE,
  MLOPS_ANNOTATION_BUILD_CONFIG,
  MLOPS_ANNOTATION_CLUSTER,
  MLOPS_ANNOTATION_INFERENCE_SERVICE,
  MLOPS_ANNOTATION_MODEL_NAME,
  MLOPS_ANNOTATION_NAMESPACE,
  MLOPS_ANNOTATION_TRAINING_PIPELINE,
  MLOPS_ANNOTATION_WORKBENCH,
  MLOPS_IDEMPOTENCY_KEY_HEADER,
} from '@backstage-mlops/plugin-mlops-common';

// What the fuzz bench (bench/fuzz.mjs) and its short variant (fuzz.integration.test.ts)
// send bad input to: every route of the mlops backend, every action of the actions
// registry and of the scaffolder module, every entity annotation the plugins read.
// A route, action or annotation that the running code has and this file does not is a
// failure of the fuzz run (see `uncoveredInventory`): add it here with a valid request.

/**
 * The type of one input field, which decides the bad values it gets.
 *
 * @internal
 */
export type FuzzFieldType =
  | { type: 'boolean' }
  | { type: 'enum'; values: string[] }
  | { type: 'string'; min?: number; max?: number }
  /** A Kubernetes object name (DNS-1123 subdomain or label). */
  | { type: 'name' }
  | { type: 'entityRefs'; max: number }
  | { type: 'params' }
  /** A whole number in a query string, in [min, max]. */
  | { type: 'integerText'; min: number; max: number }
  | { type: 'booleanText' }
  | { type: 'timeText' }
  | { type: 'statusText' }
  | { type: 'cursorText' };

/**
 * One HTTP route of `/api/mlops`. Valid values may name objects of the cluster's seed
 * as `{run}`, `{run2}`, `{taskRun}`, `{step}`, `{build}` (found when the run starts).
 *
 * @internal
 */
export interface FuzzRoute {
  method: 'GET' | 'POST';
  /** The path as the router registers it, e.g. `/entity/:kind/:namespace/:name/health`. */
  path: string;
  /** Path params other than the entity's kind/namespace/name: valid value and type. */
  params?: Record<string, { valid: string; type: FuzzFieldType }>;
  query?: Record<string, { valid?: string; type: FuzzFieldType }>;
  /** A JSON body: its valid fields; `strict` when an unknown field is refused. */
  body?: {
    valid: Record<string, unknown>;
    fields: Record<string, FuzzFieldType>;
    strict: boolean;
  };
  /** Headers the route reads (besides Authorization and Content-Type). */
  headers?: Record<string, FuzzFieldType>;
  /** A valid request answers with a never-ending stream: send only bad ones. */
  stream?: boolean;
}

const ENTITY = '/entity/:kind/:namespace/:name';
const dryRun: FuzzFieldType = { type: 'boolean' };
const nameParam = (valid: string) => ({
  valid,
  type: { type: 'name' } as const,
});
const logQuery: FuzzRoute['query'] = {
  follow: { type: { type: 'booleanText' } },
  tailLines: { valid: '10', type: { type: 'integerText', min: 0, max: 1e6 } },
  limitBytes: {
    valid: '4096',
    type: { type: 'integerText', min: 1, max: Number.MAX_SAFE_INTEGER },
  },
  sinceTime: { type: { type: 'timeText' } },
};
const idempotency = {
  [MLOPS_IDEMPOTENCY_KEY_HEADER]: {
    type: 'string',
    min: 1,
    max: 128,
  } as FuzzFieldType,
};
/** A mutation route whose body is only `dryRun`. */
const dryRunOnlyMutation = (path: string): FuzzRoute => ({
  method: 'POST',
  path: `${ENTITY}/mutations/${path}`,
  body: { valid: { dryRun: true }, fields: { dryRun }, strict: true },
  headers: idempotency,
});
const trainingBody: FuzzRoute['body'] = {
  valid: { dryRun: true, params: { 'data-source': 'synthetic' } },
  fields: { dryRun, params: { type: 'params' } },
  strict: true,
};

/**
 * Every route of the mlops backend, with a valid request of each.
 *
 * @internal
 */
export const FUZZ_ROUTES: FuzzRoute[] = [
  { method: 'GET', path: '/clusters' },
  {
    method: 'POST',
    path: '/summary',
    body: {
      valid: { entityRefs: ['component:default/fuzz-model'] },
      fields: { entityRefs: { type: 'entityRefs', max: 500 } },
      strict: false,
    },
  },
  {
    method: 'GET',
    path: `${ENTITY}/training`,
    query: {
      status: { valid: 'Succeeded,Failed', type: { type: 'statusText' } },
      limit: { valid: '5', type: { type: 'integerText', min: 1, max: 200 } },
      cursor: { type: { type: 'cursorText' } },
    },
  },
  { method: 'GET', path: `${ENTITY}/training/pipeline-params` },
  { method: 'GET', path: `${ENTITY}/health` },
  { method: 'GET', path: `${ENTITY}/health/diagnosis` },
  { method: 'GET', path: `${ENTITY}/lineage` },
  {
    method: 'GET',
    path: `${ENTITY}/serving-metrics`,
    query: {
      window: {
        valid: '1h',
        type: { type: 'enum', values: ['1h', '24h', '7d'] },
      },
    },
  },
  {
    method: 'POST',
    path: '/serving-metrics/day',
    body: {
      valid: { entityRefs: ['component:default/fuzz-model'] },
      fields: { entityRefs: { type: 'entityRefs', max: 500 } },
      strict: false,
    },
  },
  {
    method: 'GET',
    path: `${ENTITY}/serving-pods/:pod/containers/:container/log`,
    params: {
      pod: nameParam('fuzz-model-predictor-0'),
      container: nameParam('kserve-container'),
    },
    query: logQuery,
    stream: true,
  },
  {
    method: 'GET',
    path: `${ENTITY}/taskruns/:taskRun/steps/:step/log`,
    params: { taskRun: nameParam('{taskRun}'), step: nameParam('{step}') },
    query: logQuery,
    stream: true,
  },
  {
    method: 'GET',
    path: `${ENTITY}/builds/:build/log`,
    params: { build: nameParam('{build}') },
    query: logQuery,
    stream: true,
  },
  {
    method: 'POST',
    path: `${ENTITY}/mutations/run-training`,
    body: trainingBody,
    headers: idempotency,
  },
  {
    method: 'POST',
    path: `${ENTITY}/mutations/runs/:run/rerun`,
    params: { run: nameParam('{run}') },
    body: trainingBody,
    headers: idempotency,
  },
  {
    method: 'POST',
    path: `${ENTITY}/mutations/runs/:run/cancel`,
    params: { run: nameParam('{run}') },
    body: {
      valid: { dryRun: true, mode: 'Cancelled' },
      fields: {
        dryRun,
        mode: { type: 'enum', values: ['Cancelled', 'CancelledRunFinally'] },
      },
      strict: true,
    },
    headers: idempotency,
  },
  dryRunOnlyMutation('start-build'),
  {
    method: 'POST',
    path: `${ENTITY}/mutations/validate-notebook`,
    body: {
      valid: { dryRun: true, gitRef: 'main' },
      fields: {
        dryRun,
        from: { type: 'string', min: 1, max: 253 },
        gitRef: { type: 'string', min: 1, max: 255 },
      },
      strict: true,
    },
    headers: idempotency,
  },
  dryRunOnlyMutation('restart-serving'),
  dryRunOnlyMutation('workbench/start'),
  dryRunOnlyMutation('workbench/stop'),
];

/**
 * An action of the actions registry (`mlops:<name>`) or of the scaffolder module,
 * with a valid input; the fields and their types come from the action's own JSON
 * Schema as the running backend lists it.
 *
 * @internal
 */
export interface FuzzAction {
  id: string;
  valid: Record<string, unknown>;
  /** Workspace files of a scaffolder dry run, by path. */
  files?: Record<string, string>;
  /** Fields that name the entity (bad entity refs and the annotation entities go there). */
  entityRefField?: string;
  /** The entity ref is only used for links (never read from the catalog). */
  linksOnly?: boolean;
}

const model = 'component:default/fuzz-model';

/**
 * Every action of the actions registry that the mlops backend registers.
 *
 * @internal
 */
export const FUZZ_REGISTRY_ACTIONS: FuzzAction[] = [
  {
    id: 'mlops:read-training',
    valid: { entityRef: model, limit: 5 },
    entityRefField: 'entityRef',
  },
  {
    id: 'mlops:read-health',
    valid: { entityRef: model },
    entityRefField: 'entityRef',
  },
  {
    id: 'mlops:read-model-metrics',
    valid: { entityRef: model, limit: 5 },
    entityRefField: 'entityRef',
  },
  {
    id: 'mlops:compare-training-runs',
    valid: { entityRef: model, runs: ['{run}', '{run2}'] },
    entityRefField: 'entityRef',
  },
  {
    id: 'mlops:read-model-lineage',
    valid: { entityRef: model },
    entityRefField: 'entityRef',
  },
  {
    id: 'mlops:run-training',
    valid: {
      entityRef: model,
      params: { 'data-source': 'synthetic' },
      dryRun: true,
    },
    entityRefField: 'entityRef',
  },
];

const where = { cluster: 'dev', namespace: 'mlops-demo' };

/**
 * Every template action of the scaffolder module (run through the scaffolder's
 * dry-run API, so nothing is created).
 *
 * @internal
 */
export const FUZZ_SCAFFOLDER_ACTIONS: FuzzAction[] = [
  {
    id: 'mlops:cluster:check',
    valid: { ...where, modelName: 'fuzz-model', framework: 'sklearn' },
  },
  {
    id: 'mlops:namespace:allow-owner',
    valid: { ...where, owner: 'group:default/data-science-team' },
  },
  {
    id: 'mlops:manifests:apply',
    valid: { ...where, path: 'k8s', entityRef: model },
    files: {
      'k8s/config.yaml': JSON.stringify({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'fuzz-account' },
      }),
    },
    entityRefField: 'entityRef',
    linksOnly: true,
  },
  {
    id: 'mlops:training:run',
    valid: { ...where, modelName: 'fuzz-model', wait: false },
    entityRefField: 'entityRef',
  },
  {
    id: 'mlops:notebook:validate',
    valid: { ...where, modelName: 'fuzz-model', wait: false },
    entityRefField: 'entityRef',
  },
  {
    id: 'mlops:build:start',
    valid: { ...where, buildConfig: 'fuzz-model-notebook', wait: false },
    entityRefField: 'entityRef',
  },
];

/**
 * Actions the scaffolder lists under `mlops:` that are not the scaffolder module's, and
 * why they are not fuzzed there.
 *
 * @internal
 */
export const FUZZ_SCAFFOLDER_ACTIONS_ELSEWHERE: Record<string, string> = {
  'mlops:publish:local':
    "the demo portal's local publish (packages/demo-local-publish), not a product plugin",
  'mlops:catalog:register':
    "the demo portal's local catalog registration (packages/demo-local-publish), not a product plugin",
};

/**
 * An entity annotation the plugins read, with values that break its rule. Annotations
 * the plugins only write, or read from cluster objects, are in
 * {@link FUZZ_ANNOTATIONS_NOT_ON_ENTITIES}.
 *
 * @internal
 */
export interface FuzzAnnotation {
  key: string;
  /** Values the entity model refuses (the error must name the annotation). */
  bad: string[];
}

const badNames = [
  'Upper_Case',
  '-leading-dash',
  'trailing-dash-',
  'with space',
  '../../etc/passwd',
  'modèle-ü',
  '🚀',
  'a'.repeat(300),
  'dots..twice',
  ' ',
];

/**
 * Every entity annotation the backend and frontend read.
 *
 * @internal
 */
export const FUZZ_ANNOTATIONS: FuzzAnnotation[] = [
  { key: MLOPS_ANNOTATION_NAMESPACE, bad: [...badNames, 'a.b', ''] },
  { key: KUBERNETES_ANNOTATION_NAMESPACE, bad: [...badNames, 'a.b'] },
  { key: MLOPS_ANNOTATION_CLUSTER, bad: [...badNames, 'no-such-cluster'] },
  {
    // A label value: upper case, '_' and '.' are allowed.
    key: MLOPS_ANNOTATION_MODEL_NAME,
    bad: [
      ...badNames.filter(
        v => !/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(v),
      ),
      'a/b',
    ],
  },
  { key: MLOPS_ANNOTATION_TRAINING_PIPELINE, bad: [...badNames, ''] },
  {
    key: MLOPS_ANNOTATION_INFERENCE_SERVICE,
    bad: [...badNames, '1starts-with-digit', 'a.b'],
  },
  { key: MLOPS_ANNOTATION_BUILD_CONFIG, bad: [...badNames, ''] },
  { key: MLOPS_ANNOTATION_WORKBENCH, bad: [...badNames, 'a.b'] },
];

/**
 * Annotation keys of mlops-common that no route reads from a catalog entity, and why.
 *
 * @internal
 */
export const FUZZ_ANNOTATIONS_NOT_ON_ENTITIES: Record<string, string> = {
  'mlops.backstage.io/triggered-by':
    'written on PipelineRuns by the run actions, read from cluster objects',
  'kubeflow-resource-stopped': 'on kubeflow Notebooks, read from the cluster',
  'mlops.backstage.io/allowed-owners':
    'on cluster Namespaces, read from the watch cache',
  'mlops.backstage.io/notebook-path':
    'on notebook entities: written by the catalog provider, shown by the notebook card; no route resolves it',
  'mlops.backstage.io/notebook-git-url':
    'on notebook entities: written by the catalog provider, shown by the notebook card; no route resolves it',
  'mlops.dev/served-run':
    "written on InferenceServices by the template's promotion step, read from cluster objects (lineage)",
  'mlops.dev/served-model-version':
    "written on InferenceServices by the template's promotion step, read from cluster objects (lineage)",
  'mlops.backstage.io/notifications':
    'read by the notifier from the catalog (an unknown value sends every topic and logs a warning naming the annotation); no route reads it',
  'backstage.io/kubernetes-id':
    "the Kubernetes plugin's selector; not read by the mlops routes",
};

/**
 * What the running code has that the inventory lacks (each a sentence), and the
 * inventory's routes that the code no longer has.
 *
 * @internal
 */
export function uncoveredInventory(found: {
  routes: Array<{ method: string; path: string }>;
  registryActions: string[];
  /** Absent when the scaffolder is not part of the run. */
  scaffolderActions?: string[];
  annotationKeys: string[];
}): string[] {
  const problems: string[] = [];
  const key = (r: { method: string; path: string }) =>
    `${r.method.toUpperCase()} ${r.path}`;
  const known = new Set(FUZZ_ROUTES.map(key));
  for (const route of found.routes) {
    if (!known.has(key(route))) {
      problems.push(`route ${key(route)} is not in the fuzz inventory`);
    }
  }
  const served = new Set(found.routes.map(key));
  for (const route of FUZZ_ROUTES) {
    if (!served.has(key(route))) {
      problems.push(`route ${key(route)} of the inventory is not served`);
    }
  }
  const check = (what: string, ids: string[], inventory: FuzzAction[]) => {
    const listed = new Set(inventory.map(a => a.id));
    for (const id of ids) {
      if (!listed.has(id)) {
        problems.push(`${what} ${id} is not in the fuzz inventory`);
      }
    }
    for (const id of listed) {
      if (!ids.includes(id)) {
        problems.push(`${what} ${id} of the inventory is not registered`);
      }
    }
  };
  check(
    'actions registry action',
    found.registryActions,
    FUZZ_REGISTRY_ACTIONS,
  );
  if (found.scaffolderActions) {
    // The scaffolder also lists the actions registry's actions (backend.actions
    // pluginSources), fuzzed through the registry.
    const registry = new Set(found.registryActions);
    check(
      'scaffolder action',
      found.scaffolderActions.filter(
        id => !registry.has(id) && !(id in FUZZ_SCAFFOLDER_ACTIONS_ELSEWHERE),
      ),
      FUZZ_SCAFFOLDER_ACTIONS,
    );
  }
  const annotations = new Set([
    ...FUZZ_ANNOTATIONS.map(a => a.key),
    ...Object.keys(FUZZ_ANNOTATIONS_NOT_ON_ENTITIES),
  ]);
  for (const annotation of found.annotationKeys) {
    if (!annotations.has(annotation)) {
      problems.push(`annotation ${annotation} is not in the fuzz inventory`);
    }
  }
  return problems;
}
