import { CustomErrorBase } from '@backstage/errors';

/**
 * The cause attached to every error a cluster client throws: which cluster failed and
 * how (the HTTP status and Kubernetes `Status.reason`, or the network error code).
 * Never holds a credential.
 *
 * @public
 */
export class MlopsClusterApiError extends CustomErrorBase {
  name = 'MlopsClusterApiError' as const;

  /** The configured cluster name. */
  readonly cluster: string;
  /** The HTTP status the API server answered; undefined when no answer came. */
  readonly statusCode?: number;
  /** The Kubernetes `Status.reason` (e.g. `Forbidden`, `Expired`), or a network error code (e.g. `ECONNREFUSED`, `ETIMEDOUT`). */
  readonly reason?: string;

  constructor(options: {
    cluster: string;
    statusCode?: number;
    reason?: string;
  }) {
    super(
      options.statusCode !== undefined
        ? `cluster ${options.cluster} answered HTTP ${options.statusCode}${
            options.reason ? ` (${options.reason})` : ''
          }`
        : `cluster ${options.cluster} did not answer${
            options.reason ? ` (${options.reason})` : ''
          }`,
    );
    this.cluster = options.cluster;
    this.statusCode = options.statusCode;
    this.reason = options.reason;
  }
}

/**
 * The HTTP status a cluster answered for the request behind an error a cluster client
 * threw (found in its cause chain), or undefined when the cluster did not answer or the
 * error did not come from a cluster client. For example 410 means the resourceVersion
 * expired and the caller should list again.
 *
 * @public
 */
export function clusterApiStatusOf(error: unknown): number | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof MlopsClusterApiError) {
      return current.statusCode;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
