import { ApiException } from '@kubernetes/client-node';
import { CredentialsUnavailable } from './kubeConfigFor';
import type { ClusterFailure } from './toBackstageError';

/**
 * A request that got no answer in time (the reason its signal was aborted with).
 *
 * @internal
 */
export class NoAnswerInTime extends Error {
  name = 'NoAnswerInTime';
  constructor(readonly code: 'ETIMEDOUT' | 'EIDLE', message: string) {
    super(message);
  }
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The innermost network error of undici's `TypeError('fetch failed')` (or `terminated`). */
function networkCause(error: ErrorLike): { code?: string; message: string } {
  let current: ErrorLike = error;
  for (let depth = 0; depth < 4; depth++) {
    const cause = current.cause as ErrorLike | undefined;
    if (!cause || typeof cause !== 'object') break;
    current = cause;
  }
  // Happy eyeballs: an AggregateError with one error per address.
  const first = Array.isArray(current.errors)
    ? (current.errors[0] as ErrorLike | undefined)
    : undefined;
  const code = text(current.code) || text(first?.code) || undefined;
  const message =
    text(current.message) || text(first?.message) || text(error.message);
  return { code, message };
}

/**
 * What went wrong in an exchange through client-node, as {@link ClusterFailure}: the
 * status and body of an `ApiException`, our own timeouts, or undici's network failure
 * with its cause code (`ECONNREFUSED`, `UND_ERR_SOCKET`, a TLS code such as
 * `UNABLE_TO_VERIFY_LEAF_SIGNATURE`). Undefined for anything else (thrown as it is).
 *
 * @internal
 */
export function clusterFailureOf(error: unknown): ClusterFailure | undefined {
  if (error instanceof ApiException) {
    const body: unknown = error.body;
    let said = '';
    if (typeof body === 'string') said = body;
    else if (Buffer.isBuffer(body)) said = body.toString('utf8');
    else if (body !== undefined) said = JSON.stringify(body);
    return { status: error.code, body: said };
  }
  if (error instanceof CredentialsUnavailable) {
    return {
      network: {
        code: 'ECREDENTIALS',
        message: `could not load the credentials: ${error.message}`,
      },
    };
  }
  if (error instanceof NoAnswerInTime) {
    return { network: { code: error.code, message: error.message } };
  }
  if (!error || typeof error !== 'object') {
    return undefined;
  }
  const e = error as ErrorLike;
  if (e.name === 'TypeError' && e.cause) {
    return { network: networkCause(e) };
  }
  if (e.name === 'AbortError') {
    return {
      network: { code: 'EABORTED', message: 'the request was aborted' },
    };
  }
  return undefined;
}
