import { describeRequest } from '../client/describeRequest';
import { toBackstageError } from '../client/toBackstageError';
import type {
  MlopsClusterClient,
  MlopsKubernetesList,
  MlopsKubernetesObject,
  MlopsListObjectsRequest,
  MlopsRawRequest,
  MlopsRawResponse,
  MlopsWatchEvent,
  MlopsWatchRequest,
} from '../client/types';

/** The error a real client throws for an HTTP status. */
export function statusError(cluster: string, status: number, message = '') {
  return toBackstageError({
    cluster,
    request: describeRequest('GET', '/apis/tekton.dev/v1/pipelineruns'),
    failure: { status, body: JSON.stringify({ kind: 'Status', message }) },
    redact: s => s,
  });
}

/** The error a real client throws when the cluster does not answer. */
export function networkError(cluster: string, code = 'ECONNREFUSED') {
  return toBackstageError({
    cluster,
    request: describeRequest('GET', '/apis/tekton.dev/v1/pipelineruns'),
    failure: { network: { code, message: `connect ${code} 127.0.0.1:1` } },
    redact: s => s,
  });
}

interface ActiveWatch {
  request: MlopsWatchRequest;
  end: () => void;
  fail: (error: Error) => void;
}

/**
 * An in-memory stand-in for one cluster's client: objects per plural, a global
 * resourceVersion, paginated lists, and watches the test drives (emit, end, fail).
 * `unreachable` makes every call fail as a refused connection.
 */
export class FakeClusterClient implements MlopsClusterClient {
  readonly objects = new Map<string, Map<string, MlopsKubernetesObject>>();
  /** group/version (`v1` for the core group) → served plurals; a missing one answers 404. */
  readonly served = new Map<string, string[]>();
  readonly listCalls: MlopsListObjectsRequest[] = [];
  readonly watches: ActiveWatch[] = [];
  unreachable = false;
  /** Errors the next list calls throw, in order. */
  readonly listErrors: Error[] = [];
  /** Errors the next watch calls throw at once, in order. */
  readonly watchErrors: Error[] = [];
  private rv = 100;

  constructor(readonly cluster: string) {}

  /** Adds or changes an object (in the cluster, not through a watch). */
  put(
    plural: string,
    raw: { metadata: Record<string, unknown>; [k: string]: unknown },
  ) {
    const metadata: Record<string, unknown> = {
      uid: `uid-${raw.metadata.name}`,
      ...raw.metadata,
      resourceVersion: String(++this.rv),
    };
    const object = { ...raw, metadata } as MlopsKubernetesObject;
    const byKey = this.objects.get(plural) ?? new Map();
    byKey.set(`${String(metadata.namespace)}/${String(metadata.name)}`, object);
    this.objects.set(plural, byKey);
    return object;
  }

  /** Deletes an object; returns it as a DELETED event carries it (with the deletion's resourceVersion). */
  remove(plural: string, namespace: string, name: string) {
    const object = this.objects.get(plural)?.get(`${namespace}/${name}`);
    this.objects.get(plural)?.delete(`${namespace}/${name}`);
    const rv = String(++this.rv);
    return object
      ? { ...object, metadata: { ...object.metadata, resourceVersion: rv } }
      : undefined;
  }

  /** The open watch of a plural (the latest). */
  watchOf(plural: string): ActiveWatch | undefined {
    return [...this.watches]
      .reverse()
      .find(w => w.request.resource.plural === plural);
  }

  /** Delivers an event to the open watch of the object's plural. */
  emit(
    plural: string,
    type: MlopsWatchEvent['type'],
    object: MlopsKubernetesObject,
  ) {
    const watch = this.watchOf(plural);
    if (!watch) {
      throw new Error(`no open watch of ${plural}`);
    }
    try {
      watch.request.onEvent({ type, object });
    } catch (error) {
      // As the real transport does: a consumer's error ends the watch with it.
      watch.fail(error as Error);
    }
  }

  async listObjects(
    request: MlopsListObjectsRequest,
  ): Promise<MlopsKubernetesList> {
    this.listCalls.push(request);
    if (this.unreachable) {
      throw networkError(this.cluster);
    }
    const error = this.listErrors.shift();
    if (error) {
      throw error;
    }
    const { group, version } = request.resource;
    const gv = group ? `${group}/${version}` : version;
    if (!this.served.get(gv)?.includes(request.resource.plural)) {
      throw statusError(
        this.cluster,
        404,
        'the server could not find the requested resource',
      );
    }
    const labels = (request.labelSelector ?? '')
      .split(',')
      .filter(Boolean)
      .map(s => s.split('='));
    const name = request.fieldSelector?.replace(/^metadata\.name=/, '');
    const all = [...(this.objects.get(request.resource.plural)?.values() ?? [])]
      .filter(
        o => !request.namespace || o.metadata?.namespace === request.namespace,
      )
      .filter(o => !name || o.metadata?.name === name)
      .filter(o => labels.every(([k, v]) => o.metadata?.labels?.[k] === v));
    const start = Number(request.continue ?? 0);
    const limit = request.limit ?? all.length;
    const items = all.slice(start, start + limit);
    const next = start + limit < all.length ? String(start + limit) : undefined;
    return {
      metadata: { resourceVersion: String(this.rv), continue: next },
      items,
    };
  }

  async request(request: MlopsRawRequest): Promise<MlopsRawResponse> {
    if (this.unreachable) {
      throw networkError(this.cluster);
    }
    const gv = request.path.replace(/^\/apis?\//, '');
    const plurals = this.served.get(gv);
    if (!plurals) {
      throw statusError(
        this.cluster,
        404,
        'the server could not find the requested resource',
      );
    }
    return {
      status: 200,
      contentType: 'application/json',
      body: {
        kind: 'APIResourceList',
        resources: plurals.map(name => ({ name })),
      },
    };
  }

  watchObjects(request: MlopsWatchRequest): Promise<void> {
    if (this.unreachable) {
      return Promise.reject(networkError(this.cluster));
    }
    const error = this.watchErrors.shift();
    if (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      const watch: ActiveWatch = {
        request,
        end: () => {
          this.watches.splice(this.watches.indexOf(watch), 1);
          resolve();
        },
        fail: e => {
          this.watches.splice(this.watches.indexOf(watch), 1);
          reject(e);
        },
      };
      this.watches.push(watch);
      request.signal?.addEventListener('abort', () => watch.end(), {
        once: true,
      });
      request.onOpen?.();
    });
  }

  async getObject(): Promise<MlopsKubernetesObject> {
    throw new Error('not used');
  }
  async createObject(): Promise<MlopsKubernetesObject> {
    throw new Error('not used');
  }
  async patchObject(): Promise<MlopsKubernetesObject> {
    throw new Error('not used');
  }
  async applyObject(): Promise<MlopsKubernetesObject> {
    throw new Error('not used');
  }
  async readPodLog(): Promise<string> {
    throw new Error('not used');
  }

  async streamLog(): Promise<void> {
    throw new Error('not used');
  }
}

/** Polls until the probe returns something truthy (or fails after timeoutMs). */
export async function eventually<T>(
  probe: () => T,
  timeoutMs = 2000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) {
      return value as NonNullable<T>;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise(r => setTimeout(r, 5));
  }
}
