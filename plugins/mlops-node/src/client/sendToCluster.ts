import {
  IsomorphicFetchHttpLibrary,
  RequestContext,
  type KubeConfig,
  type ResponseContext,
} from '@kubernetes/client-node';

/**
 * A request client-node's API classes do not cover: a core-group object, a log, a
 * subresource such as BuildConfig `instantiate`. `path` is already encoded and starts
 * with `/api/` or `/apis/`.
 *
 * @internal
 */
export interface ClusterRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: string;
  contentType?: string;
  accept?: string;
}

/** client-node's own fetch (undici), the one its API classes send with. */
const http = new IsomorphicFetchHttpLibrary();

/**
 * Sends a request with client-node's parts: its `RequestContext`, the KubeConfig's
 * credentials and TLS settings (`applySecurityAuthentication`) and its fetch. Resolves
 * with the answer whatever its status; rejects as undici's fetch does (a `TypeError`
 * whose cause has the network code, or the signal's reason).
 *
 * @internal
 */
export async function sendToCluster(
  kubeConfig: KubeConfig,
  request: ClusterRequest,
  signal?: AbortSignal,
): Promise<ResponseContext> {
  const server = kubeConfig.getCurrentCluster()?.server ?? '';
  const url = new URL(`${server}${request.path}`);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) {
      url.searchParams.set(key, String(value));
    }
  }
  const context = new RequestContext(url.toString(), request.method);
  context.setHeaderParam('Accept', request.accept ?? 'application/json');
  if (request.body !== undefined) {
    context.setHeaderParam(
      'Content-Type',
      request.contentType ?? 'application/json',
    );
    context.setBody(request.body);
  }
  if (signal) {
    context.setSignal(signal);
  }
  await kubeConfig.applySecurityAuthentication(context);
  return http.send(context).toPromise();
}
