import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  CustomObjectsApi,
  Observable,
  setHeaderOptions,
  type ConfigurationOptions,
  type KubeConfig,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import { z } from 'zod';
import type { ClusterConnection } from '../clusters/ClusterConnection';
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
import { clusterFailureOf, NoAnswerInTime } from './clusterFailureOf';
import {
  describeRequest,
  type KubernetesRequestDescription,
} from './describeRequest';
import { followTextStream } from './followTextStream';
import { followWatch } from './followWatch';
import { sendToCluster, type ClusterRequest } from './sendToCluster';
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
  MlopsWatchEvent,
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

const WATCH_EVENT_TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK']);
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

function seconds(ms: number): number {
  return Math.round(ms / 1000);
}

/** A call of `CustomObjectsApi` with the per-call options (timeout, content type). */
type ApiCall = (
  api: CustomObjectsApi,
  options: ConfigurationOptions,
) => Promise<unknown>;

/** One `CustomObjectsApi` per KubeConfig (the registry keeps one KubeConfig per cluster and identity). */
const customObjectsApis = new WeakMap<KubeConfig, CustomObjectsApi>();

function customObjectsApi(kubeConfig: KubeConfig): CustomObjectsApi {
  let api = customObjectsApis.get(kubeConfig);
  if (!api) {
    api = kubeConfig.makeApiClient(CustomObjectsApi);
    customObjectsApis.set(kubeConfig, api);
  }
  return api;
}

/**
 * The {@link MlopsClusterClient} over `@kubernetes/client-node`:
 *
 * - objects of an API group through `CustomObjectsApi`: it takes group, version and
 *   plural as we hold them, returns the API server's JSON as it is and sends one
 *   request per call (`KubernetesObjectApi` needs the kind and asks the API server's
 *   discovery first; `CoreV1Api` turns objects into model classes with `Date` fields);
 * - core objects (pods, events, namespaces), logs and raw requests through client-node's
 *   `RequestContext`, the KubeConfig's credentials and client-node's fetch
 *   ({@link sendToCluster}). Pod logs do not use client-node's `Log`: in 2.0.1
 *   (dist/log.js) it sends `container=undefined` without a container, drops the
 *   API server's message of every refusal but a 500, turns a network failure into a
 *   500 without its cause, cannot be aborted or timed out before the answer starts and
 *   does not report a connection that breaks mid-stream;
 * - watches through client-node's `Watch`, whose inactivity timeout is our idle timeout
 *   and whose AbortController our signal and failures abort.
 *
 * Every failure is mapped by {@link toBackstageError}.
 *
 * @internal
 */
export class DefaultMlopsClusterClient implements MlopsClusterClient {
  static create(options: {
    cluster: string;
    /** The cluster's current connection; asked before every request. */
    connect: () => Promise<ClusterConnection>;
    requestTimeoutMs: number;
  }): DefaultMlopsClusterClient {
    return new DefaultMlopsClusterClient(
      options.cluster,
      options.connect,
      options.requestTimeoutMs,
    );
  }

  private constructor(
    readonly cluster: string,
    private readonly connect: () => Promise<ClusterConnection>,
    private readonly requestTimeoutMs: number,
  ) {}

  async listObjects(
    request: MlopsListObjectsRequest,
  ): Promise<MlopsKubernetesList> {
    const r = parseRequest(listObjectsSchema, request, 'list request');
    const path = collectionPath(r.resource, r.namespace);
    const query = {
      labelSelector: r.labelSelector,
      fieldSelector: r.fieldSelector,
      limit: r.limit,
    };
    const body = await this.call(
      describeRequest('GET', path),
      (api, options) => {
        const { group, version, plural } = r.resource;
        const params = {
          group,
          version,
          plural,
          ...query,
          _continue: r.continue,
        };
        return r.namespace
          ? api.listNamespacedCustomObject(
              { ...params, namespace: r.namespace },
              options,
            )
          : api.listClusterCustomObject(params, options);
      },
      { method: 'GET', path, query: { ...query, continue: r.continue } },
      r.resource,
    );
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
    const path = objectPath(r.resource, r.namespace, r.name);
    return this.object(
      describeRequest('GET', path),
      (api, options) => {
        const { group, version, plural } = r.resource;
        return r.namespace
          ? api.getNamespacedCustomObject(
              { group, version, plural, namespace: r.namespace, name: r.name },
              options,
            )
          : api.getClusterCustomObject(
              { group, version, plural, name: r.name },
              options,
            );
      },
      { method: 'GET', path },
      r.resource,
    );
  }

  async createObject(
    request: MlopsCreateObjectRequest,
  ): Promise<MlopsKubernetesObject> {
    const r = parseRequest(createObjectSchema, request, 'create request');
    const path = collectionPath(r.resource, r.namespace);
    const query = {
      dryRun: r.dryRun ? 'All' : undefined,
      fieldManager: r.fieldManager,
    };
    return this.object(
      describeRequest('POST', path),
      (api, options) => {
        const { group, version, plural } = r.resource;
        const params = { group, version, plural, body: r.body, ...query };
        return r.namespace
          ? api.createNamespacedCustomObject(
              { ...params, namespace: r.namespace },
              options,
            )
          : api.createClusterCustomObject(params, options);
      },
      { method: 'POST', path, query, body: JSON.stringify(r.body) },
      r.resource,
    );
  }

  async patchObject(
    request: MlopsPatchObjectRequest,
  ): Promise<MlopsKubernetesObject> {
    const r = parseRequest(patchObjectSchema, request, 'patch request');
    return this.patch(r, 'application/merge-patch+json', r.patch, {
      dryRun: r.dryRun ? 'All' : undefined,
      fieldManager: r.fieldManager,
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
    return this.patch(
      r,
      // JSON is YAML: the apply content type takes it as it is.
      'application/apply-patch+yaml',
      r.body,
      {
        fieldManager: r.fieldManager,
        force: r.force ? true : undefined,
        dryRun: r.dryRun ? 'All' : undefined,
      },
    );
  }

  async readPodLog(request: MlopsPodLogRequest): Promise<string> {
    const r = parseRequest(podLogSchema, request, 'pod log request');
    const res = await this.send({
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
    return res.text;
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
    const description = describeRequest('GET', path);
    const connection = await this.connect();
    await followTextStream({
      kubeConfig: connection.kubeConfig,
      request: {
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
      },
      connectTimeoutMs: this.requestTimeoutMs,
      idleTimeoutMs: r.idleTimeoutMs ?? DEFAULT_LOG_IDLE_MS,
      signal: request.signal,
      onOpen: request.onOpen,
      onText: request.onText,
      mapError: error => this.mapped(error, description, connection),
    });
  }

  async request(request: MlopsRawRequest): Promise<MlopsRawResponse> {
    const r = parseRequest(rawRequestSchema, request, 'raw request');
    let body: string | undefined;
    if (r.body !== undefined) {
      body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    }
    const res = await this.send({
      method: r.method,
      path: r.path
        .split('/')
        .map(s => encode(decodeSafe(s)))
        .join('/'),
      query: r.query,
      body,
      contentType: r.contentType,
    });
    let parsed: unknown = res.text;
    if (res.contentType?.includes('json') && res.text) {
      try {
        parsed = JSON.parse(res.text);
      } catch {
        // keep the text
      }
    }
    return { status: res.status, contentType: res.contentType, body: parsed };
  }

  async watchObjects(request: MlopsWatchRequest): Promise<void> {
    const r = parseRequest(watchSchema, request, 'watch request');
    const path = collectionPath(r.resource, r.namespace);
    const description = describeRequest('GET', path, { watch: true });
    const connection = await this.connect();
    await followWatch({
      kubeConfig: connection.kubeConfig,
      cluster: this.cluster,
      path,
      query: {
        allowWatchBookmarks: r.allowBookmarks === false ? undefined : 'true',
        resourceVersion: r.resourceVersion,
        labelSelector: r.labelSelector,
        fieldSelector: r.fieldSelector,
        timeoutSeconds: r.timeoutSeconds,
      },
      connectTimeoutMs: this.requestTimeoutMs,
      idleTimeoutMs: r.idleTimeoutMs ?? DEFAULT_WATCH_IDLE_MS,
      signal: request.signal,
      onOpen: request.onOpen,
      onEvent: (type, object) => {
        if (type === 'ERROR') {
          const status = object as { code?: unknown } | undefined;
          throw this.failed(description, connection, {
            status: typeof status?.code === 'number' ? status.code : 500,
            body: JSON.stringify(object),
          });
        }
        if (
          typeof type !== 'string' ||
          !WATCH_EVENT_TYPES.has(type) ||
          !object ||
          typeof object !== 'object'
        ) {
          throw new ServiceUnavailableError(
            `cluster ${this.cluster} sent a watch event that is not a Kubernetes watch event`,
          );
        }
        request.onEvent({
          type: type as MlopsWatchEvent['type'],
          object: object as MlopsKubernetesObject,
        });
      },
      mapError: error => this.mapped(error, description, connection),
    });
  }

  /**
   * Merge patch or server-side apply: `CustomObjectsApi` with the patch's content type
   * (it has methods for the object and its `status`; other subresources go plain).
   */
  private patch(
    r: {
      resource: MlopsApiResource;
      namespace?: string;
      name: string;
      subresource?: string;
    },
    contentType: string,
    body: Record<string, unknown>,
    query: { dryRun?: string; fieldManager?: string; force?: boolean },
  ): Promise<MlopsKubernetesObject> {
    const base = objectPath(r.resource, r.namespace, r.name);
    const path = r.subresource ? `${base}/${encode(r.subresource)}` : base;
    const status = r.subresource === 'status';
    return this.object(
      describeRequest('PATCH', path),
      (api, options) => {
        const { group, version, plural } = r.resource;
        const params = { group, version, plural, name: r.name, body, ...query };
        const typed = setHeaderOptions('Content-Type', contentType, options);
        if (r.namespace) {
          const namespaced = { ...params, namespace: r.namespace };
          return status
            ? api.patchNamespacedCustomObjectStatus(namespaced, typed)
            : api.patchNamespacedCustomObject(namespaced, typed);
        }
        return status
          ? api.patchClusterCustomObjectStatus(params, typed)
          : api.patchClusterCustomObject(params, typed);
      },
      { method: 'PATCH', path, query, body: JSON.stringify(body), contentType },
      r.resource,
      !r.subresource || status,
    );
  }

  /**
   * A call that answers one object: through `CustomObjectsApi` for a resource of an API
   * group, else as a plain request.
   */
  private async object(
    description: KubernetesRequestDescription,
    viaApi: ApiCall,
    plain: ClusterRequest,
    resource: MlopsApiResource,
    apiFits = true,
  ): Promise<MlopsKubernetesObject> {
    return this.parse(
      kubernetesObject,
      await this.call(description, viaApi, plain, resource, apiFits),
    ) as MlopsKubernetesObject;
  }

  private async call(
    description: KubernetesRequestDescription,
    viaApi: ApiCall,
    plain: ClusterRequest,
    resource: MlopsApiResource,
    apiFits = true,
  ): Promise<unknown> {
    if (!resource.group || !apiFits) {
      const res = await this.send(plain);
      try {
        return JSON.parse(res.text);
      } catch {
        throw new ServiceUnavailableError(
          `cluster ${this.cluster} answered with something that is not JSON`,
        );
      }
    }
    const connection = await this.connect();
    try {
      return await viaApi(
        customObjectsApi(connection.kubeConfig),
        withSignal(this.timeoutSignal()),
      );
    } catch (error) {
      throw this.mapped(error, description, connection);
    }
  }

  /** A plain request with the request timeout; throws the mapped error for a non-2xx answer. */
  private async send(request: ClusterRequest): Promise<{
    status: number;
    contentType?: string;
    text: string;
  }> {
    const description = describeRequest(request.method, request.path);
    const connection = await this.connect();
    let res: ResponseContext;
    let text: string;
    try {
      res = await sendToCluster(
        connection.kubeConfig,
        request,
        this.timeoutSignal(),
      );
      text = await res.body.text();
    } catch (error) {
      throw this.mapped(error, description, connection);
    }
    if (res.httpStatusCode < 200 || res.httpStatusCode >= 300) {
      throw this.failed(description, connection, {
        status: res.httpStatusCode,
        body: text,
      });
    }
    return {
      status: res.httpStatusCode,
      contentType: res.headers['content-type'],
      text,
    };
  }

  private timeoutSignal(): AbortSignal {
    const controller = new AbortController();
    setTimeout(
      () =>
        controller.abort(
          new NoAnswerInTime(
            'ETIMEDOUT',
            `no answer within ${seconds(this.requestTimeoutMs)} s`,
          ),
        ),
      this.requestTimeoutMs,
    ).unref();
    return controller.signal;
  }

  /** A client-node or fetch error as the mapped error; anything else as it is. */
  private mapped(
    error: unknown,
    description: KubernetesRequestDescription,
    connection: ClusterConnection,
  ): unknown {
    const failure = clusterFailureOf(error);
    if (!failure) {
      return error;
    }
    return this.failed(description, connection, failure);
  }

  private failed(
    description: KubernetesRequestDescription,
    connection: ClusterConnection,
    failure: Parameters<typeof toBackstageError>[0]['failure'],
  ): Error {
    return toBackstageError({
      cluster: this.cluster,
      request: description,
      failure,
      redact: connection.redact,
    });
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

/** Per-call options of a client-node API class that bound the call with a signal. */
function withSignal(signal: AbortSignal): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (context: RequestContext) => {
          context.setSignal(signal);
          return new Observable(Promise.resolve(context));
        },
        post: (response: ResponseContext) =>
          new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

function decodeSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
