import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { z } from 'zod';
import {
  resourceLabel,
  type KubernetesRequestDescription,
} from './describeRequest';
import { MlopsClusterApiError } from './MlopsClusterApiError';
import type { Redactor } from './redact';

/** The parts of a Kubernetes `Status` body we read (the API server's own message). */
const statusSchema = z.object({
  message: z.string().optional(),
  reason: z.string().optional(),
  code: z.number().optional(),
});

const TLS_CODES = /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_TLS|ERR_SSL)/;
const MAX_MESSAGE = 1000;

/**
 * A failed exchange with a cluster: either an HTTP status with the response body, or a
 * network failure (no answer).
 *
 * @internal
 */
export type ClusterFailure =
  | { status: number; body: string }
  | { network: { code?: string; message: string } };

/**
 * The API server's message from a response body: `Status.message` when the body is a
 * Kubernetes Status, else the start of the body. Redacted and bounded.
 *
 * @internal
 */
export function statusMessageOf(
  body: string,
  redact: Redactor,
): { message: string; reason?: string } {
  let message = body.trim();
  let reason: string | undefined;
  try {
    const parsed = statusSchema.safeParse(JSON.parse(body));
    if (parsed.success) {
      message = parsed.data.message ?? '';
      reason = parsed.data.reason;
    }
  } catch {
    // not JSON: keep the text
  }
  if (message.length > MAX_MESSAGE) {
    message = `${message.slice(0, MAX_MESSAGE)}…`;
  }
  return { message: redact(message), reason };
}

/**
 * Maps a failed request to a cluster onto `@backstage/errors`, so the backend answers
 * with the right status and a message that says what to do:
 *
 * - 403 → `NotAllowedError` naming the verb, resource, namespace and the identity the
 *   cluster reported, and the grant the backend's Role lacks;
 * - 404 → `NotFoundError`; 409 and 410 → `ConflictError`; 400 and 422 → `InputError`
 *   with the API server's message;
 * - 401, 429, 5xx and network failures → `ServiceUnavailableError` naming the cluster.
 *
 * Every message goes through `redact`; none contains a credential. The cause is a
 * {@link MlopsClusterApiError} with the status or network code.
 *
 * @internal
 */
export function toBackstageError(options: {
  cluster: string;
  request: KubernetesRequestDescription;
  failure: ClusterFailure;
  redact: Redactor;
}): Error {
  const { cluster, request, failure, redact } = options;
  const what = describe(request);

  if ('network' in failure) {
    const code = failure.network.code;
    const cause = new MlopsClusterApiError({ cluster, reason: code });
    const detail = redact(failure.network.message);
    const hint =
      code && TLS_CODES.test(code)
        ? '; check the cluster CA (caData or caFile) the backend is configured with'
        : '';
    return new ServiceUnavailableError(
      `cluster ${cluster} is unreachable (${what}): ${detail}${hint}`,
      cause,
    );
  }

  const { status } = failure;
  const { message, reason } = statusMessageOf(failure.body, redact);
  const cause = new MlopsClusterApiError({
    cluster,
    statusCode: status,
    reason,
  });
  const said = message ? `: ${message}` : '';

  switch (status) {
    case 401:
      return new ServiceUnavailableError(
        `cluster ${cluster} rejected the backend's credentials (${what}); check the token or client certificate configured for it`,
        cause,
      );
    case 403: {
      const identity = /User "([^"]+)"/.exec(message)?.[1];
      const rbacResource = request.subresource
        ? `${request.resource}/${request.subresource}`
        : request.resource;
      const grant = `grant "${request.verb}" on "${rbacResource}"${
        request.group ? ` in API group "${request.group}"` : ''
      }${request.namespace ? ` in namespace "${request.namespace}"` : ''} to ${
        identity ?? "the backend's identity"
      } in the backend's Role`;
      return new NotAllowedError(
        `the cluster ${cluster} refused to ${what}${said}; ${grant}`,
        cause,
      );
    }
    case 404:
      return new NotFoundError(
        `${
          message || `${resourceLabel(request)} not found`
        } (cluster ${cluster}${
          request.namespace ? `, namespace ${request.namespace}` : ''
        })`,
        cause,
      );
    case 409:
    case 410:
      return new ConflictError(
        `${message || 'conflict'} (cluster ${cluster}, ${what})`,
        cause,
      );
    case 400:
    case 422:
      return new InputError(
        `the cluster ${cluster} rejected the request to ${what}${said}`,
        cause,
      );
    case 429:
      return new ServiceUnavailableError(
        `cluster ${cluster} is overloaded and asked to retry later (${what})${said}`,
        cause,
      );
    default:
      if (status >= 500) {
        return new ServiceUnavailableError(
          `cluster ${cluster} failed to ${what}${said}`,
          cause,
        );
      }
      return new InputError(
        `the cluster ${cluster} rejected the request to ${what}${said}`,
        cause,
      );
  }
}

function describe(request: KubernetesRequestDescription): string {
  if (!request.resource) {
    return `read the API ${request.group || 'core'}/${request.version}`;
  }
  const target = request.name ? ` "${request.name}"` : '';
  const where = request.namespace ? ` in namespace ${request.namespace}` : '';
  return `${request.verb} ${resourceLabel(request)}${target}${where}`;
}
