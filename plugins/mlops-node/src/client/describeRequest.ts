/**
 * What a request to the Kubernetes API does, in RBAC terms: the verb, the resource (with
 * subresource) and API group, and the namespace and name it targets.
 *
 * @internal
 */
export interface KubernetesRequestDescription {
  verb: string;
  group: string;
  version: string;
  /** The plural resource name, e.g. `pipelineruns`; empty for discovery. */
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

const VERBS: Record<string, [string, string]> = {
  // method: [verb with a name, verb on a collection]
  GET: ['get', 'list'],
  HEAD: ['get', 'list'],
  POST: ['create', 'create'],
  PUT: ['update', 'update'],
  PATCH: ['patch', 'patch'],
  DELETE: ['delete', 'deletecollection'],
};

/**
 * Describes a request by its method and path (`/api/v1/…` or `/apis/<group>/<version>/…`).
 *
 * @internal
 */
export function describeRequest(
  method: string,
  path: string,
  options?: { watch?: boolean },
): KubernetesRequestDescription {
  const parts = path.split('?')[0].split('/').filter(Boolean).map(decodeSafe);
  let group = '';
  let version = '';
  let rest: string[];
  if (parts[0] === 'api') {
    version = parts[1] ?? '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    group = parts[1] ?? '';
    version = parts[2] ?? '';
    rest = parts.slice(3);
  } else {
    rest = parts;
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource = '', name, subresource] = rest;
  const [named, collection] = VERBS[method.toUpperCase()] ?? [
    method.toLowerCase(),
    method.toLowerCase(),
  ];
  let verb = name ? named : collection;
  if (options?.watch) {
    verb = 'watch';
  }
  return { verb, group, version, resource, subresource, namespace, name };
}

function decodeSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * `pipelineruns.tekton.dev`, `pods/log`, `buildconfigs.build.openshift.io/instantiate`.
 *
 * @internal
 */
export function resourceLabel(d: KubernetesRequestDescription): string {
  const base = d.group ? `${d.resource}.${d.group}` : d.resource;
  return d.subresource ? `${base}/${d.subresource}` : base;
}
