/**
 * API coordinates of a resource type, e.g.
 * `{ group: 'tekton.dev', version: 'v1', plural: 'pipelineruns' }`; the core group is
 * `''` (`{ group: '', version: 'v1', plural: 'pods' }`). The entries of
 * `MLOPS_RESOURCE_KINDS` fit.
 *
 * @public
 */
export interface MlopsApiResource {
  group: string;
  version: string;
  plural: string;
}

/**
 * A Kubernetes object as the API server returns it (not projected).
 *
 * @public
 */
export interface MlopsKubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/**
 * One page of a list.
 *
 * @public
 */
export interface MlopsKubernetesList {
  /** The list's resourceVersion (to watch from) and the token of the next page, if any. */
  metadata: { resourceVersion?: string; continue?: string };
  items: MlopsKubernetesObject[];
}

/**
 * Objects of one resource type, in a namespace or cluster-wide.
 *
 * @public
 */
export interface MlopsListObjectsRequest {
  resource: MlopsApiResource;
  /** Omit for a cluster-wide list. */
  namespace?: string;
  /** A label selector, e.g. `model-name=anomaly-detector`. */
  labelSelector?: string;
  /** A field selector, e.g. `metadata.name=x`. */
  fieldSelector?: string;
  /** Page size; the answer's `metadata.continue` fetches the next page. */
  limit?: number;
  continue?: string;
}

/**
 * One object by name.
 *
 * @public
 */
export interface MlopsObjectRequest {
  resource: MlopsApiResource;
  namespace?: string;
  name: string;
}

/**
 * Creates an object (POST).
 *
 * @public
 */
export interface MlopsCreateObjectRequest {
  resource: MlopsApiResource;
  namespace?: string;
  body: MlopsKubernetesObject;
  /** Validate and admit only; nothing is stored. */
  dryRun?: boolean;
  fieldManager?: string;
}

/**
 * Changes an object with a JSON merge patch (`application/merge-patch+json`; CRDs do
 * not take strategic-merge patches).
 *
 * @public
 */
export interface MlopsPatchObjectRequest {
  resource: MlopsApiResource;
  namespace?: string;
  name: string;
  patch: Record<string, unknown>;
  /** Patch a subresource instead, e.g. `status`. */
  subresource?: string;
  dryRun?: boolean;
  fieldManager?: string;
}

/**
 * Creates or updates an object with server-side apply (`application/apply-patch+yaml`).
 *
 * @public
 */
export interface MlopsApplyObjectRequest {
  resource: MlopsApiResource;
  namespace?: string;
  /** Must equal `body.metadata.name`. */
  name: string;
  /** The full intended object, with apiVersion and kind. */
  body: MlopsKubernetesObject;
  /** Who owns the applied fields, e.g. `backstage-mlops`. */
  fieldManager: string;
  /** Take over fields owned by other managers instead of failing with a conflict. */
  force?: boolean;
  dryRun?: boolean;
}

/**
 * A container's log (core `pods/log`).
 *
 * @public
 */
export interface MlopsPodLogRequest {
  namespace: string;
  name: string;
  /** Required when the pod has several containers. */
  container?: string;
  tailLines?: number;
  limitBytes?: number;
}

/**
 * A log to stream: a container of a pod (core `pods/log`), or an OpenShift Build
 * (`build.openshift.io/v1` `builds/log`).
 *
 * @public
 */
export type MlopsLogSource =
  | { kind: 'pod'; namespace: string; name: string; container?: string }
  | { kind: 'build'; namespace: string; name: string };

/**
 * A log read as a stream: whole (then the server ends the answer) or followed while
 * the container or build runs. Bounded by `tailLines`/`limitBytes` on the API
 * server's side; the caller bounds the time (its `signal`).
 *
 * @public
 */
export interface MlopsLogStreamRequest {
  source: MlopsLogSource;
  /** Keep the stream open and send new lines as they are written. */
  follow?: boolean;
  /** Only the last lines. */
  tailLines?: number;
  /** At most this many bytes (the API server stops there). */
  limitBytes?: number;
  /** Only lines written after this time (RFC 3339). */
  sinceTime?: string;
  /** Called once the API server has accepted the request (before any text). */
  onOpen?: () => void;
  /** Called with each piece of text, in order (never splitting a UTF-8 character). */
  onText: (text: string) => void;
  /** Give up when nothing arrives for this long; default 5 minutes. */
  idleTimeoutMs?: number;
  /** Ends the stream; the promise then resolves. */
  signal?: AbortSignal;
}

/**
 * A request the typed methods do not cover, e.g.
 * `POST /apis/build.openshift.io/v1/namespaces/<ns>/buildconfigs/<name>/instantiate`.
 *
 * @public
 */
export interface MlopsRawRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** An API path, `/api/…` or `/apis/…`, without a query string. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON, unless it is a string. */
  body?: unknown;
  /** Defaults to `application/json` (e.g. `application/merge-patch+json` for a PATCH). */
  contentType?: string;
}

/**
 * The answer to a {@link MlopsRawRequest} (2xx only: other statuses are thrown).
 *
 * @public
 */
export interface MlopsRawResponse {
  status: number;
  contentType?: string;
  /** Parsed JSON when the answer is JSON, the text otherwise. */
  body: unknown;
}

/**
 * A watch event. ERROR events are not delivered: they end the watch with an error
 * (a 410 Gone — the resourceVersion expired — as a `ConflictError` whose
 * `clusterApiStatusOf` is 410).
 *
 * @public
 */
export interface MlopsWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: MlopsKubernetesObject;
}

/**
 * A watch of one resource type.
 *
 * @public
 */
export interface MlopsWatchRequest {
  resource: MlopsApiResource;
  namespace?: string;
  /** Where to start; the list's resourceVersion, or the last event's. */
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Ask for BOOKMARK events (default true). */
  allowBookmarks?: boolean;
  /** The server ends the watch after this many seconds. */
  timeoutSeconds?: number;
  /** Give up when nothing arrives for this long (a hung connection); default 90 s. */
  idleTimeoutMs?: number;
  /** Called for every event, in order. */
  onEvent: (event: MlopsWatchEvent) => void;
  /** Called once the API server has accepted the watch (before any event). */
  onOpen?: () => void;
  /** Ends the watch; the promise then resolves. */
  signal?: AbortSignal;
}

/**
 * A typed client of one cluster, with the backend's identity for that cluster. Every
 * failure is thrown as an `@backstage/errors` error (403 → `NotAllowedError`, 404 →
 * `NotFoundError`, 409/410 → `ConflictError`, 400/422 → `InputError`, network, 401,
 * 429 and 5xx → `ServiceUnavailableError` naming the cluster) whose cause is a
 * `MlopsClusterApiError`; messages never contain a credential.
 *
 * @public
 */
export interface MlopsClusterClient {
  /** The configured cluster name. */
  readonly cluster: string;
  listObjects(request: MlopsListObjectsRequest): Promise<MlopsKubernetesList>;
  getObject(request: MlopsObjectRequest): Promise<MlopsKubernetesObject>;
  createObject(
    request: MlopsCreateObjectRequest,
  ): Promise<MlopsKubernetesObject>;
  /** JSON merge patch. */
  patchObject(request: MlopsPatchObjectRequest): Promise<MlopsKubernetesObject>;
  /** Server-side apply. */
  applyObject(request: MlopsApplyObjectRequest): Promise<MlopsKubernetesObject>;
  readPodLog(request: MlopsPodLogRequest): Promise<string>;
  /**
   * Streams a pod container's or a Build's log until the API server ends it
   * (resolves), the signal aborts it (resolves) or it fails (rejects, before
   * `onOpen` with the mapped error of the answer, e.g. `NotFoundError`).
   */
  streamLog(request: MlopsLogStreamRequest): Promise<void>;
  /** Any other API request (subresources such as BuildConfig `instantiate`). */
  request(request: MlopsRawRequest): Promise<MlopsRawResponse>;
  /**
   * Watches one resource type until the server ends the watch (resolves), the signal
   * aborts it (resolves) or it fails (rejects). Low-level: read objects through the
   * object store, which shares one watch per cluster and kind.
   */
  watchObjects(request: MlopsWatchRequest): Promise<void>;
}

/**
 * The clients of the configured clusters: the one way the backend, the catalog module
 * and the scaffolder module reach a cluster.
 *
 * @public
 */
export interface MlopsClusterClients {
  /**
   * The client of a configured cluster. Throws `NotFoundError` for a cluster that is
   * not configured.
   */
  forCluster(name: string): MlopsClusterClient;
}
