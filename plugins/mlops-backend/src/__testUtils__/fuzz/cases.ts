import type { Entity } from '@backstage/catalog-model';
import {
  FUZZ_ANNOTATIONS,
  FUZZ_REGISTRY_ACTIONS,
  FUZZ_ROUTES,
  FUZZ_SCAFFOLDER_ACTIONS,
  type FuzzAction,
  type FuzzFieldType,
  type FuzzRoute,
} from './inventory';
import { KUBERNETES_ANNOTATION_NAMESPACE } from '@backstage-mlops/plugin-mlops-common';

/**
 * One generated request and what its answer must be.
 *
 * @internal
 */
export interface FuzzCase {
  /** The route or action, e.g. `GET /entity/:kind/:namespace/:name/health`. */
  target: string;
  /** The mutation's class and value, e.g. `query limit = "-1"`. */
  mutation: string;
  method: 'GET' | 'POST';
  /** From the backend's base URL, with the query. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * The input is bad: the answer must be a 4xx whose error names one of these (the
   * field, param, header or annotation), compared case-insensitively.
   */
  names?: string[];
  /** A valid answer is a stream: read only its status. */
  stream?: boolean;
}

/** A deterministic generator (mulberry32). */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick };
}
type Random = ReturnType<typeof seededRandom>;

/** The valid model every request names unless it is about the entity. */
export const FUZZ_MODEL = {
  kind: 'component',
  namespace: 'default',
  name: 'fuzz-model',
};
const OWNER = 'group:default/data-science-team';

/** Strings with no meaning: unicode, traversal, injection, control characters. */
const NOISE = [
  '',
  ' ',
  'x'.repeat(3000),
  '../../../etc/passwd',
  '..%2F..%2Fetc',
  'modèle-ü-名前',
  '🚀🔥',
  '\u202eevil',
  '\u0000nul',
  '<script>alert(1)</script>',
  "'; DROP TABLE entities; --",
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '{"a":1}',
  '%',
  '%00',
  'a\nb',
];
/** Values that are not Kubernetes names. */
const BAD_NAMES = [
  'Upper_Case',
  '-leading',
  'trailing-',
  'with space',
  '../../etc/passwd',
  'modèle',
  '🚀',
  'a'.repeat(254),
  'dots..twice',
  'semi;colon',
  '%00',
  'UPPER',
  'a/b',
];
/** Segments for the entity's kind, namespace or name that no entity has. */
const BAD_ENTITY_SEGMENTS = [
  'no-such-thing',
  'x'.repeat(2000),
  '../../../etc/passwd',
  'modèle-ü',
  '🚀',
  ':::',
  'a:b',
  'with space',
  '%',
  '\u0000',
  'user',
  'null',
];
const BAD_ENTITY_REFS = [
  '',
  ':',
  'component:',
  ':default/x',
  'a:b:c/d/e',
  'component:default/',
  'component:default/no-such-model',
  'x'.repeat(5000),
  'component:default/../../etc',
  'component:default/modèle',
  'resource:default/fuzz-model',
  'user:default/guest',
];
const NOT_JSON = [
  '{',
  '{"dryRun":}',
  "{'dryRun': true}",
  '{"dryRun": true,}',
  '[1,2',
  'undefined',
  '\u00ff\u00fe{}',
  'nul',
  '{"a":"\\x"}',
  '{"entityRefs":["a"]}}',
];
const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'text/json',
  'application/jsonx',
  'application/json; charset=latin-9',
];
const BAD_IDEMPOTENCY_KEYS = ['', 'with space', 'x'.repeat(129), 'clé', '\t'];

/** JSON values of the wrong type for a field of this type. */
function wrongTypes(type: FuzzFieldType): unknown[] {
  const all: unknown[] = [
    null,
    true,
    42,
    -1,
    1.5,
    'text',
    [],
    ['a'],
    {},
    { nested: { deeper: [1] } },
  ];
  switch (type.type) {
    case 'boolean':
      return [...all.filter(v => typeof v !== 'boolean'), 'true', 0, 1];
    case 'enum':
      return [
        ...all,
        type.values[0].toLowerCase(),
        `${type.values[0]} `,
        '',
        type.values,
      ];
    case 'string':
      return [
        ...all.filter(v => typeof v !== 'string'),
        ...(type.min ? [''] : []),
        ...(type.max ? ['y'.repeat(type.max + 1)] : []),
      ];
    case 'name':
      return [...all.filter(v => typeof v !== 'string'), ...BAD_NAMES];
    case 'entityRefs':
      return [
        ...all.filter(v => !Array.isArray(v) || v.length > 0),
        'component:default/fuzz-model',
        [42],
        [null],
        [['component:default/fuzz-model']],
        ...BAD_ENTITY_REFS.filter(r => !r.includes('default/')).map(r => [r]),
        Array.from(
          { length: type.max + 1 },
          (_, i) => `component:default/m${i}`,
        ),
      ];
    case 'params':
      return [
        ...all.filter(
          v => typeof v !== 'object' || v === null || Array.isArray(v),
        ),
        { 'data-source': null },
        { 'data-source': { a: { b: 1 } } },
        { 'data-source': [1, 2] },
        { 'data-source': 'not-a-source' },
        { 'no-such-param-zz': 'x' },
        { '': 'x' },
      ];
    default:
      return all;
  }
}

/** Query-string values that break a query field of this type. */
function badQueryValues(type: FuzzFieldType): Array<string | string[]> {
  switch (type.type) {
    case 'integerText': {
      const values: Array<string | string[]> = [
        '-1',
        'abc',
        '1.5',
        'NaN',
        'Infinity',
        '1e3',
        '0x10',
        '١٢',
        '9'.repeat(400),
        ['1', '2'],
      ];
      if (type.max < 1e15) values.push(String(type.max + 1));
      if (type.min > 0) values.push('0');
      return values;
    }
    case 'booleanText':
      return ['yes', 'TRUE', '2', '', 'truee', ['true', 'false']];
    case 'timeText':
      return [
        'yesterday',
        '2026-13-01T00:00:00Z',
        '1700000000',
        '',
        '2026-01-02',
        ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z'],
      ];
    case 'statusText':
      return ['Bogus', 'Failed,Nope', 'x'.repeat(3000), '🚀'];
    case 'cursorText':
      return [['a', 'b'], 'x'.repeat(5000)];
    case 'enum':
      return [
        'never',
        '',
        type.values[0].toUpperCase(),
        `${type.values[0]} `,
        type.values.slice(0, 2),
      ].filter(v => typeof v !== 'string' || !type.values.includes(v));
    case 'string':
      return type.min ? [''] : [];
    default:
      return [];
  }
}

/** The annotation entities: one per annotation and bad value, each otherwise valid. */
export function fuzzAnnotationEntities(): Array<{
  entity: Entity;
  annotation: string;
}> {
  const out: Array<{ entity: Entity; annotation: string }> = [];
  FUZZ_ANNOTATIONS.forEach((annotation, a) => {
    annotation.bad.forEach((value, v) => {
      const annotations: Record<string, string> = {
        'mlops.backstage.io/namespace': 'mlops-demo',
      };
      if (annotation.key === KUBERNETES_ANNOTATION_NAMESPACE) {
        delete annotations['mlops.backstage.io/namespace'];
      }
      annotations[annotation.key] = value;
      out.push({
        annotation: annotation.key,
        entity: {
          // ml-pipeline Resources: the routes read their annotations, and the
          // catalog's MlopsEntityModelProcessor (which refuses bad annotations of
          // ml-model entities at ingestion) leaves them to the routes.
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: `fuzz-ann-${a}-${v}`,
            namespace: 'default',
            annotations,
          },
          spec: { type: 'ml-pipeline', owner: OWNER },
        },
      });
    });
  });
  return out;
}

/**
 * The names of seeded objects of the valid model that valid requests use (`{run}`,
 * `{run2}`, `{taskRun}`, `{step}`, `{build}`), read from its training API.
 *
 * @internal
 */
export async function fuzzBaseline(
  baseUrl: string,
  headers: Record<string, string> = {},
): Promise<Record<string, string>> {
  const res = await fetch(
    `${baseUrl}/api/mlops/entity/${FUZZ_MODEL.kind}/${FUZZ_MODEL.namespace}/${FUZZ_MODEL.name}/training?limit=50`,
    { headers },
  );
  if (!res.ok) {
    throw new Error(
      `training of the fuzz model: HTTP ${res.status} ${await res.text()}`,
    );
  }
  const training = await res.json();
  const runs: Array<{
    name: string;
    taskRuns?: Array<{ name: string; steps?: Array<{ name: string }> }>;
  }> = training.pipelineRuns.items;
  const withStep = runs
    .flatMap(r => r.taskRuns ?? [])
    .find(t => (t.steps ?? []).length > 0);
  const build = training.builds.items[0]?.name;
  if (runs.length < 2 || !withStep || !build) {
    throw new Error(
      'the fuzz model has no two runs, TaskRun step or Build on the cluster',
    );
  }
  return {
    run: runs[0].name,
    run2: runs[1].name,
    taskRun: withStep.name,
    step: withStep.steps![0].name,
    build,
  };
}

/**
 * The entities the fuzz run needs in the catalog: the valid model (on the seeded demo
 * namespace's objects) and the annotation entities.
 *
 * @internal
 */
export function fuzzEntities(): Entity[] {
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: FUZZ_MODEL.name,
        namespace: 'default',
        annotations: {
          'mlops.backstage.io/namespace': 'mlops-demo',
          'mlops.backstage.io/model-name': 'anomaly-detector',
          'mlops.backstage.io/inference-service': 'anomaly-detector',
          'mlops.backstage.io/build-config': 'anomaly-detector-notebook',
          'mlops.backstage.io/workbench': 'anomaly-detector-workbench',
        },
      },
      spec: { type: 'ml-model', owner: OWNER, lifecycle: 'experimental' },
    },
    ...fuzzAnnotationEntities().map(e => e.entity),
  ];
}

const JSON_TYPE = { 'content-type': 'application/json' };

function routePath(
  route: FuzzRoute,
  entity: { kind: string; namespace: string; name: string },
  params: Record<string, string>,
  query: Array<[string, string]>,
): string {
  let path = route.path
    .replace(':kind', encodeURIComponent(entity.kind))
    .replace(':namespace', encodeURIComponent(entity.namespace))
    .replace(':name', encodeURIComponent(entity.name));
  for (const [name, value] of Object.entries(params)) {
    path = path.replace(`:${name}`, encodeURIComponent(value));
  }
  const search = new URLSearchParams(query).toString();
  return `/api/mlops${path}${search ? `?${search}` : ''}`;
}

function describe(value: unknown): string {
  const text =
    typeof value === 'string'
      ? JSON.stringify(value)
      : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…(${text.length})` : text;
}

/** One bad (or harmless) request to a route. */
function routeCase(route: FuzzRoute, random: Random): FuzzCase {
  const target = `${route.method} ${route.path}`;
  const hasEntity = route.path.includes(':kind');
  let entity = FUZZ_MODEL;
  const params = Object.fromEntries(
    Object.entries(route.params ?? {}).map(([k, p]) => [k, p.valid]),
  );
  const query: Array<[string, string]> = Object.entries(route.query ?? {})
    .filter(([, q]) => q.valid !== undefined)
    .map(([k, q]) => [k, q.valid!]);
  let headers: Record<string, string> = route.body ? { ...JSON_TYPE } : {};
  let body: string | undefined = route.body
    ? JSON.stringify(route.body.valid)
    : undefined;
  let names: string[] | undefined;
  let mutation = '';

  const families: string[] = [];
  if (hasEntity) families.push('entity', 'entity', 'annotation', 'annotation');
  if (route.params) families.push('param', 'param');
  if (route.query) {
    const bad = Object.values(route.query).some(
      q => badQueryValues(q.type).length > 0,
    );
    if (bad) families.push('query', 'query', 'query');
    if (!route.stream) families.push('query-unknown');
  }
  if (route.body) {
    families.push('body-field', 'body-field', 'body-field', 'body-shape');
    families.push('body-malformed', 'body-content-type', 'body-huge');
    families.push('body-extra');
    if (!route.body.strict) families.push('body-missing');
  }
  if (route.headers) families.push('header', 'header');
  if (!route.stream) families.push('header-unknown');
  if (families.length === 0) families.push('header-unknown');

  const family = random.pick(families);
  switch (family) {
    case 'entity': {
      const segment = random.pick(['kind', 'namespace', 'name'] as const);
      const value = random.pick(BAD_ENTITY_SEGMENTS);
      entity = { ...FUZZ_MODEL, [segment]: value };
      mutation = `path ${segment} = ${describe(value)}`;
      // An error about the entity names it: the word, or the ref itself.
      names = ['entity', `${entity.kind}:${entity.namespace}/${entity.name}`];
      break;
    }
    case 'annotation': {
      const picked = random.pick(fuzzAnnotationEntities());
      entity = {
        kind: 'resource',
        namespace: 'default',
        name: picked.entity.metadata.name,
      };
      mutation = `entity annotation ${picked.annotation} = ${describe(
        picked.entity.metadata.annotations![picked.annotation],
      )}`;
      names = [picked.annotation];
      break;
    }
    case 'param': {
      const [name] = random.pick(Object.entries(route.params!));
      const value = random.pick(BAD_NAMES.filter(v => v !== 'a/b'));
      params[name] = String(value);
      mutation = `path ${name} = ${describe(value)}`;
      names = [name];
      break;
    }
    case 'query': {
      const fields = Object.entries(route.query!).filter(
        ([, q]) => badQueryValues(q.type).length > 0,
      );
      const [name, spec] = random.pick(fields);
      const value = random.pick(badQueryValues(spec.type));
      const kept = query.filter(([k]) => k !== name);
      for (const v of Array.isArray(value) ? value : [value])
        kept.push([name, v]);
      query.splice(0, query.length, ...kept);
      mutation = `query ${name} = ${describe(value)}`;
      names = [name];
      break;
    }
    case 'query-unknown': {
      const value = random.pick(NOISE);
      query.push([
        random.pick(['unknown', 'q', 'entity[]', '__proto__', 'constructor']),
        value,
      ]);
      mutation = `unknown query param = ${describe(value)}`;
      break;
    }
    case 'body-field': {
      const [name, type] = random.pick(Object.entries(route.body!.fields));
      const value = random.pick(wrongTypes(type));
      const obj: Record<string, unknown> = {
        ...route.body!.valid,
        [name]: value,
      };
      body = JSON.stringify(obj);
      mutation = `body ${name} = ${describe(value)}`;
      names = [name];
      if (
        type.type === 'params' &&
        value &&
        typeof value === 'object' &&
        !Array.isArray(value)
      ) {
        names = ['params', ...Object.keys(value)].filter(Boolean);
      }
      break;
    }
    case 'body-missing': {
      body = JSON.stringify({});
      mutation = 'body without its required fields';
      names = Object.keys(route.body!.fields);
      break;
    }
    case 'body-extra': {
      const field = random.pick([
        'extra',
        'dryrun',
        'DryRun',
        '__proto__',
        'constructor',
        'entityRef',
      ]);
      const value = random.pick(NOISE);
      body = `${JSON.stringify(route.body!.valid).slice(
        0,
        -1,
      )},${JSON.stringify(field)}:${JSON.stringify(value)}}`;
      mutation = `body unknown field ${field} = ${describe(value)}`;
      if (route.body!.strict) names = [field];
      break;
    }
    case 'body-shape': {
      const value = random.pick([
        [],
        [route.body!.valid],
        'text',
        42,
        null,
        true,
      ]);
      body = JSON.stringify(value);
      mutation = `body = ${describe(value)}`;
      names = ['body'];
      break;
    }
    case 'body-malformed': {
      body = random.pick(NOT_JSON);
      mutation = `body not JSON ${describe(body)}`;
      names = ['body'];
      break;
    }
    case 'body-content-type': {
      const type = random.pick(WRONG_CONTENT_TYPES);
      headers = { 'content-type': type };
      mutation = `content-type ${type}`;
      names = ['content-type'];
      break;
    }
    case 'body-huge': {
      const size = random.pick([300_000, 1_000_000]);
      body = JSON.stringify({
        ...route.body!.valid,
        padding: 'x'.repeat(size),
      });
      mutation = `body of ${size} bytes`;
      names = ['body'];
      break;
    }
    case 'header': {
      const [name] = random.pick(Object.entries(route.headers!));
      const value = random.pick(BAD_IDEMPOTENCY_KEYS);
      headers[name] = value;
      mutation = `header ${name} = ${describe(value)}`;
      names = [name];
      break;
    }
    default: {
      const value = random.pick(
        // A header value must be visible ASCII (fetch refuses others).
        NOISE.filter(v => [...v].every(ch => ch >= ' ' && ch <= '~')),
      );
      headers[
        random.pick(['x-fuzz', 'accept', 'if-none-match', 'x-forwarded-for'])
      ] = value;
      mutation = `unknown header = ${describe(value)}`;
    }
  }
  return {
    target,
    mutation,
    method: route.method,
    path: routePath(route, entity, params, query),
    headers,
    body,
    names,
    stream: route.stream,
  };
}

/**
 * An action's input fields, as its JSON Schema (listed by the running backend) says.
 *
 * @internal
 */
export interface FuzzActionSchema {
  properties: Record<
    string,
    {
      type?: string | string[];
      enum?: unknown[];
      minimum?: number;
      maximum?: number;
    }
  >;
  required?: string[];
}

function schemaType(p: FuzzActionSchema['properties'][string]): FuzzFieldType {
  if (p.enum) return { type: 'enum', values: p.enum.map(String) };
  const t = Array.isArray(p.type) ? p.type[0] : p.type;
  if (t === 'boolean') return { type: 'boolean' };
  if (t === 'string') return { type: 'string' };
  return { type: 'params' };
}

function badInputValue(
  p: FuzzActionSchema['properties'][string],
  random: Random,
): unknown {
  const t = Array.isArray(p.type) ? p.type[0] : p.type;
  if ((t === 'number' || t === 'integer') && random.next() < 0.5) {
    return random.pick([
      ...(p.minimum !== undefined ? [p.minimum - 1] : []),
      ...(p.maximum !== undefined ? [p.maximum + 1] : []),
      ...(t === 'integer' ? [1.5] : []),
      '12',
      null,
    ]);
  }
  if (t === 'string' && random.next() < 0.3) {
    return random.pick([42, null, ['a'], { a: 1 }, true]);
  }
  if (t === 'array') {
    return random.pick(['a', 42, { a: 1 }, [42], [null], [{ a: 1 }]]);
  }
  if (t === 'object') {
    return random.pick(['a', 42, ['a'], { a: { b: { c: 1 } } }, { a: null }]);
  }
  const values = wrongTypes(schemaType(p)).filter(v => {
    if (t === 'number' || t === 'integer') return typeof v !== 'number';
    if (t === 'string') return typeof v !== 'string';
    return true;
  });
  return random.pick(values.length ? values : [null]);
}

/** Which part of an action's input a case changes. */
function actionInput(
  action: FuzzAction,
  schema: FuzzActionSchema,
  random: Random,
  stringIsBad: (name: string, value: string) => boolean,
  mustExist: boolean,
): { input: unknown; mutation: string; names?: string[] } {
  const families = [
    'wrong-type',
    'wrong-type',
    'wrong-type',
    'missing',
    'extra',
    'strings',
  ];
  if (action.entityRefField) families.push('entity', 'entity', 'annotation');
  const family = random.pick(families);
  const props = Object.entries(schema.properties);
  switch (family) {
    case 'missing': {
      const required = schema.required ?? [];
      if (required.length === 0) break;
      const name = random.pick(required);
      const { [name]: _gone, ...input } = action.valid;
      return { input, mutation: `input without ${name}`, names: [name] };
    }
    case 'extra': {
      const value = random.pick(NOISE);
      return {
        input: { ...action.valid, unknownField: value },
        mutation: `input unknownField = ${describe(value)}`,
      };
    }
    case 'strings': {
      const strings = props.filter(([, p]) => p.type === 'string' && !p.enum);
      if (strings.length === 0) break;
      const [name] = random.pick(strings);
      const value = random
        .pick([...NOISE, ...BAD_NAMES])
        .replace(/\$\{\{/g, '');
      return {
        input: { ...action.valid, [name]: value },
        mutation: `input ${name} = ${describe(value)}`,
        // The scaffolder renders an empty string as no value.
        names: stringIsBad(name, value) && value !== '' ? [name] : undefined,
      };
    }
    case 'entity': {
      const value = random.pick(BAD_ENTITY_REFS);
      // A scaffolder dry run takes a well-formed ref of an entity not registered yet
      // (an earlier step of the template registers it).
      const bad = mustExist || !/^[^:/]+:[^:/]+\/[^:/]+$/.test(value);
      return {
        input: { ...action.valid, [action.entityRefField!]: value },
        mutation: `input ${action.entityRefField} = ${describe(value)}`,
        names:
          bad && (mustExist || value !== '') ? ['entity', value] : undefined,
      };
    }
    case 'annotation': {
      const picked = random.pick(fuzzAnnotationEntities());
      const ref = `resource:default/${picked.entity.metadata.name}`;
      return {
        input: { ...action.valid, [action.entityRefField!]: ref },
        mutation: `entity annotation ${picked.annotation} = ${describe(
          picked.entity.metadata.annotations![picked.annotation],
        )}`,
        // The run actions refuse an entity that is not an ml-model before they read
        // its annotations; naming the entity names the input.
        names: action.linksOnly
          ? undefined
          : [picked.annotation, ...(mustExist ? [] : [ref])],
      };
    }
    default:
      break;
  }
  const [name, p] = random.pick(props);
  const value = badInputValue(p, random);
  return {
    input: { ...action.valid, [name]: value },
    mutation: `input ${name} = ${describe(value)}`,
    names: [name],
  };
}

/** `value` with every `{placeholder}` string replaced from `baseline`. */
function fill<T>(value: T, baseline: Record<string, string>): T {
  if (typeof value === 'string') {
    const match = /^\{(\w+)\}$/.exec(value);
    if (match && baseline[match[1]] === undefined) {
      throw new Error(`the fuzz run has no ${value} (give it in baseline)`);
    }
    return (match ? baseline[match[1]] : value) as T;
  }
  if (Array.isArray(value)) return value.map(v => fill(v, baseline)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fill(v, baseline)]),
    ) as T;
  }
  return value;
}

/**
 * The generator of a fuzz run: `next()` returns one request to a route, an actions
 * registry action or a scaffolder action (dry run), chosen with `seed`.
 *
 * @internal
 */
export function fuzzCases(options: {
  seed: number;
  /** Input schemas of the registry actions, by id (from the backend's list). */
  registrySchemas: Record<string, FuzzActionSchema>;
  /** Input schemas of the scaffolder actions, by id; none: no scaffolder cases. */
  scaffolderSchemas?: Record<string, FuzzActionSchema>;
  /** Routes served (the inventory's routes that are gone are skipped). */
  served: (route: FuzzRoute) => boolean;
  /** Names of seeded cluster objects for the placeholders of valid values, e.g. run. */
  baseline: Record<string, string>;
}) {
  const random = seededRandom(options.seed);
  const routes = fill(FUZZ_ROUTES.filter(options.served), options.baseline);
  const registry = fill(
    FUZZ_REGISTRY_ACTIONS.filter(a => options.registrySchemas[a.id]),
    options.baseline,
  );
  const scaffolder = options.scaffolderSchemas
    ? fill(
        FUZZ_SCAFFOLDER_ACTIONS.filter(a => options.scaffolderSchemas![a.id]),
        options.baseline,
      )
    : [];
  // A Kubernetes name field given a string that is not one is a bad input (the
  // rules of mlops-common's kubernetesNames: DNS-1123 names, a label value for
  // modelName).
  const nameFields =
    /^(cluster|namespace|buildConfig|pipeline|inferenceService|name)$/;
  const isBadName = (field: string, value: string) =>
    field === 'modelName'
      ? value.length > 63 ||
        !/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(value)
      : nameFields.test(field) &&
        !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value);
  const targets = [
    ...routes.map(r => () => routeCase(r, random)),
    ...registry.map(a => (): FuzzCase => {
      const mal = random.next() < 0.1;
      const { input, mutation, names } = mal
        ? { input: undefined, mutation: '', names: undefined }
        : actionInput(
            a,
            options.registrySchemas[a.id],
            random,
            isBadName,
            true,
          );
      const raw = mal
        ? random.pick([...NOT_JSON, '[]', '42', 'null'])
        : JSON.stringify(input);
      return {
        target: `actions registry ${a.id}`,
        mutation: mal ? `input ${describe(raw)}` : mutation,
        method: 'POST',
        path: `/api/mlops/.backstage/actions/v1/actions/${encodeURIComponent(
          a.id,
        )}/invoke`,
        headers: { ...JSON_TYPE },
        body: raw,
        names: mal ? ['input', 'body', 'json'] : names,
      };
    }),
    ...scaffolder.map(a => (): FuzzCase => {
      const { input, mutation, names } = actionInput(
        a,
        options.scaffolderSchemas![a.id],
        random,
        isBadName,
        false,
      );
      return {
        target: `scaffolder ${a.id}`,
        mutation,
        method: 'POST',
        path: '/api/scaffolder/v2/dry-run',
        headers: { ...JSON_TYPE },
        body: JSON.stringify({
          template: {
            apiVersion: 'scaffolder.backstage.io/v1beta3',
            kind: 'Template',
            metadata: { name: 'fuzz', namespace: 'default' },
            spec: {
              type: 'service',
              steps: [
                // The dry run's files are the template's; fetch:plain copies them to
                // the workspace, where the action reads them.
                ...(a.files
                  ? [
                      {
                        id: 'files',
                        action: 'fetch:plain',
                        input: { url: './' },
                      },
                    ]
                  : []),
                { id: 'fuzz', name: 'fuzz', action: a.id, input },
              ],
            },
          },
          values: {},
          directoryContents: Object.entries(a.files ?? {}).map(
            ([path, content]) => ({
              path,
              base64Content: Buffer.from(content).toString('base64'),
            }),
          ),
        }),
        names,
      };
    }),
  ];
  return { next: (): FuzzCase => random.pick(targets)() };
}
