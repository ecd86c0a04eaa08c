import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { z } from 'zod';
import {
  applyObjectSchema,
  createObjectSchema,
  listObjectsSchema,
  logStreamSchema,
  objectSchema,
  parseRequest,
  patchObjectSchema,
  podLogSchema,
  rawRequestSchema,
  watchSchema,
} from './clientRequestSchemas';
import {
  ClusterHttpTransport,
  NetworkFailure,
  type TransportRequest,
  type TransportResponse,
} from './ClusterHttpTransport';
import {
  describeRequest,
  type KubernetesRequestDescription,
} from './describeRequest';
import { toBackstageError } from './toBackstageError';
import type {
  MlopsApiResource,
  MlopsApplyObjectRequest,
  MlopsClusterClient,
  MlopsCreateObjectRequest,
  MlopsKubernetesList,
  MlopsKubernetesObject,
  MlopsListObjectsRequest,
  MlopsLogStreamRequest,
  MlopsObjectRequest,
  MlopsPatchObjectRequest,
  MlopsPodLogRequest,
  MlopsRawRequest,
  MlopsRawResponse,
  MlopsWatchRequest,
} from './types';

const kubernetesObject = z
  .object({
    metadata: z
      .object({
        name: z.string().optional(),
        namespace: z.string().optional(),
        resourceVersion: z.string().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

const kubernetesList = z
  .object({
    metadata: z
      .object({
        resourceVersion: z.string().optional(),
        continue: z.string().optional(),
      })
      .loose()
      .optional(),
    items: z.array(kubernetesObject).nullable().optional(),
  })
  .loose();

const watchLine = z.object({
  type: z.enum(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']),
  object: z.record(z.string(), z.unknown()),
});

const DEFAULT_WATCH_IDLE_MS = 90_000;
const DEFAULT_LOG_IDLE_MS = 5 * 60_000;

function encode(segment: string): string {
  return encodeURIComponent(segment);
}

/** `/apis/<group>/<version>[/namespaces/<ns>]/<plural>` (core: `/api/<version>/…`). */
function collectionPath(resource: MlopsApiResource, namespace?: string) {
  const prefix = resource.group
    ? `/apis/${encode(resource.group)}/${encode(resource.version)}`
    : `/api/${encode(resource.version)}`;
  return namespace
    ? `${prefix}/namespaces/${encode(namespace)}/${encode(resource.plural)}`
    : `${prefix}/${encode(resource.plural)}`;
}

function objectPath(
  resource: MlopsApiResource,
  namespace: string | undefined,
  name: string,
) {
  return `${collectionPath(resource, namespace)}/${encode(name)}`;
}

/**
 * The {@link MlopsClusterClient} over the backend's own HTTPS transport.
 *
 * @internal
 */
export class DefaultMlopsClusterClient implements MlopsClusterClient {
  static create(options: {
    cluster: string;
    transport: ClusterHttpTransport;
    requestTimeoutMs: number;
  }): DefaultMlopsClusterClient {
    return new DefaultMlopsClusterClient(
      options.cluster,
      options.transport,
      options.requestTimeoutMs,
    );
  }

  private constructor(
    readonly cluster: string,
    private readonly transport: ClusterHttpTransport,
    private readonly requestTimeoutMs: number,
  ) {}

  async listObjects(
    request: MlopsListObjectsRequest,
  ): Promise<MlopsKubernetesList> {
    const r = parseRequest(listObjectsSchema, request, 'list request');
    const body = await this.json({
      method: 'GET',
      path: collectionPath(r.resource, r.namespace),
      query: {
        labelSelector: r.labelSelector,
        fieldSelector: r.fieldSelector,
        limit: r.limit,
        continue: r.continue,
      },
    });
    const list = this.parse(kubernetesList, body);
    return {
      metadata: {
        resourceVersion: list.metadata?.resourceVersion,
        continue: list.metadata?.continue || undefined,
      },
      items: (list.items ?? []) as MlopsKubernetesObject[],
    };
  }

  async getObject(request: MlopsObjectRequest): Promise<MlopsKubernetesObject> {
    const r = parseRequest(objectSchema, request, 'get request');
    return this.object({
      method: 'GET',
      path: objectPath(r.resource, r.namespace, r.name),
    });
  }

  async createObject(
    request: MlopsCreateObjectRequest,
  ): Promise<MlopsKubernetesObject> {
    const r = parseRequest(createObjectSchema, request, 'create request');
    return this.object({
      method: 'POST',
      path: collectionPath(r.resource, r.namespace),
      query: {
        dryRun: r.dryRun ? 'All' : undefined,
        fieldManager: r.fieldManager,
      },
      body: JSON.stringify(r.body),
    });
  }

  async patchObject(
    request: MlopsPatchObjectRequest,
  ): Promise<MlopsKubernetesObject> {
    const r = parseRequest(patchObjectSchema, request, 'patch request');
    const path = objectPath(r.resource, r.namespace, r.name);
    return this.object({
      method: 'PATCH',
      path: r.subresource ? `${path}/${encode(r.subresource)}` : path,
      query: {
        dryRun: r.dryRun ? 'All' : undefined,
        fieldManager: r.fieldManager,
      },
      body: JSON.stringify(r.patch),
      contentType: 'application/merge-patch+json',
    });
  }

  async applyObject(
    request: MlopsApplyObjectRequest,
  ): Promise<MlopsKubernetesObject> {
    const r = parseRequest(applyObjectSchema, request, 'apply request');
    const metadata = r.body.metadata as { name?: unknown } | undefined;
    if (metadata?.name !== r.name) {
      throw new InputError(
        `invalid apply request: body.metadata.name must be ${JSON.stringify(
          r.name,
        )}`,
      );
    }
    return this.object({
      method: 'PATCH',
      path: objectPath(r.resource, r.namespace, r.name),
      query: {
        fieldManager: r.fieldManager,
        force: r.force ? 'true' : undefined,
        dryRun: r.dryRun ? 'All' : undefined,
      },
      // JSON is YAML: the apply content type takes it as it is.
      body: JSON.stringify(r.body),
      contentType: 'application/apply-patch+yaml',
    });
  }

  async readPodLog(request: MlopsPodLogRequest): Promise<string> {
    const r = parseRequest(podLogSchema, request, 'pod log request');
    const res = await this.exchange({
      method: 'GET',
      path: `${objectPath(
        { group: '', version: 'v1', plural: 'pods' },
        r.namespace,
        r.name,
      )}/log`,
      query: {
        container: r.container,
        tailLines: r.tailLines,
        limitBytes: r.limitBytes,
      },
      accept: 'text/plain, */*',
    });
    return res.body;
  }

  async streamLog(request: MlopsLogStreamRequest): Promise<void> {
    const r = parseRequest(logStreamSchema, request, 'log stream request');
    const path =
      r.source.kind === 'pod'
        ? `${objectPath(
            { group: '', version: 'v1', plural: 'pods' },
            r.source.namespace,
            r.source.name,
          )}/log`
        : `${objectPath(
            { group: 'build.openshift.io', version: 'v1', plural: 'builds' },
            r.source.namespace,
            r.source.name,
          )}/log`;
    const transportRequest: TransportRequest = {
      method: 'GET',
      path,
      query: {
        container: r.source.kind === 'pod' ? r.source.container : undefined,
        follow: r.follow ? 'true' : undefined,
        tailLines: r.tailLines,
        limitBytes: r.limitBytes,
        sinceTime: r.sinceTime,
      },
      accept: 'text/plain, */*',
    };
    const description = describeRequest('GET', path);
    await this.followStream(description, request.signal, () =>
      this.transport.streamChunks(transportRequest, {
        what: 'log stream',
        connectTimeoutMs: this.requestTimeoutMs,
        idleTimeoutMs: r.idleTimeoutMs ?? DEFAULT_LOG_IDLE_MS,
        signal: request.signal,
        onOpen: request.onOpen,
        onChunk: request.onText,
      }),
    );
  }

  async request(request: MlopsRawRequest): Promise<MlopsRawResponse> {
    const r = parseRequest(rawRequestSchema, request, 'raw request');
    let body: string | undefined;
    if (r.body !== undefined) {
      body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    }
    const res = await this.exchange({
      method: r.method,
      path: r.path
        .split('/')
        .map(s => encode(decodeSafe(s)))
        .join('/'),
      query: r.query,
      body,
      contentType: r.contentType,
    });
    let parsed: unknown = res.body;
    if (res.contentType?.includes('json') && res.body) {
      try {
        parsed = JSON.parse(res.body);
      } catch {
        // keep the text
      }
    }
    return { status: res.status, contentType: res.contentType, body: parsed };
  }

  async watchObjects(request: MlopsWatchRequest): Promise<void> {
    const r = parseRequest(watchSchema, request, 'watch request');
    const transportRequest: TransportRequest = {
      method: 'GET',
      path: collectionPath(r.resource, r.namespace),
      query: {
        watch: 'true',
        allowWatchBookmarks: r.allowBookmarks === false ? undefined : 'true',
        resourceVersion: r.resourceVersion,
        labelSelector: r.labelSelector,
        fieldSelector: r.fieldSelector,
        timeoutSeconds: r.timeoutSeconds,
      },
    };
    const description = describeRequest('GET', transportRequest.path, {
      watch: true,
    });
    await this.followStream(description, request.signal, () =>
      this.transport.stream(transportRequest, {
        connectTimeoutMs: this.requestTimeoutMs,
        idleTimeoutMs: r.idleTimeoutMs ?? DEFAULT_WATCH_IDLE_MS,
        signal: request.signal,
        onOpen: request.onOpen,
        onLine: line => {
          let event: z.infer<typeof watchLine>;
          try {
            event = watchLine.parse(JSON.parse(line));
          } catch {
            throw new ServiceUnavailableError(
              `cluster ${this.cluster} sent a watch event that is not a Kubernetes watch event`,
            );
          }
          if (event.type === 'ERROR') {
            const code = event.object.code;
            throw toBackstageError({
              cluster: this.cluster,
              request: description,
              failure: {
                status: typeof code === 'number' ? code : 500,
                body: JSON.stringify(event.object),
              },
              redact: this.transport.redact,
            });
          }
          request.onEvent({
            type: event.type,
            object: event.object as MlopsKubernetesObject,
          });
        },
      }),
    );
  }

  /**
   * Runs a streaming request (a watch, a followed log) to its end: a non-2xx answer
   * or a network failure is thrown as the mapped error naming the cluster; an abort
   * by the caller's signal just ends it.
   */
  private async followStream(
    description: KubernetesRequestDescription,
    signal: AbortSignal | undefined,
    open: () => Promise<'ended' | TransportResponse>,
  ): Promise<void> {
    try {
      const result = await open();
      if (result !== 'ended') {
        throw toBackstageError({
          cluster: this.cluster,
          request: description,
          failure: { status: result.status, body: result.body },
          redact: this.transport.redact,
        });
      }
    } catch (error) {
      if (signal?.aborted) {
        return;
      }
      if (error instanceof NetworkFailure) {
        throw toBackstageError({
          cluster: this.cluster,
          request: description,
          failure: { network: { code: error.code, message: error.message } },
          redact: this.transport.redact,
        });
      }
      throw error;
    }
  }

  /** Sends a request; throws the mapped error for a failure or a non-2xx answer. */
  private async exchange(request: TransportRequest) {
    const description = describeRequest(request.method, request.path);
    let res;
    try {
      res = await this.transport.send(request);
    } catch (error) {
      if (!(error instanceof NetworkFailure)) {
        // The cluster could not be looked up (unknown, no credential): said as it is.
        throw error;
      }
      throw toBackstageError({
        cluster: this.cluster,
        request: description,
        failure: { network: { code: error.code, message: error.message } },
        redact: this.transport.redact,
      });
    }
    if (res.status < 200 || res.status >= 300) {
      throw toBackstageError({
        cluster: this.cluster,
        request: description,
        failure: { status: res.status, body: res.body },
        redact: this.transport.redact,
      });
    }
    return res;
  }

  private async json(request: TransportRequest): Promise<unknown> {
    const res = await this.exchange(request);
    try {
      return JSON.parse(res.body);
    } catch {
      throw new ServiceUnavailableError(
        `cluster ${this.cluster} answered with something that is not JSON`,
      );
    }
  }

  private async object(
    request: TransportRequest,
  ): Promise<MlopsKubernetesObject> {
    return this.parse(
      kubernetesObject,
      await this.json(request),
    ) as MlopsKubernetesObject;
  }

  private parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const result = schema.safeParse(body);
    if (!result.success) {
      throw new ServiceUnavailableError(
        `cluster ${
          this.cluster
        } answered with an unexpected shape: ${result.error.issues
          .slice(0, 3)
          .map(i => `${i.path.join('.')} ${i.message}`)
          .join('; ')}`,
      );
    }
    return result.data;
  }
}

function decodeSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
