import { ResponseError } from '@backstage/errors';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const ERROR_NAME: Record<number, string> = {
  400: 'InputError',
  403: 'NotAllowedError',
  404: 'NotFoundError',
  503: 'ServiceUnavailableError',
};

/**
 * A `ResponseError` as the client throws it for a backend error body with the
 * given status and message; `extra` adds fields next to `error` (e.g. `items`),
 * `errorFields` fields of `error` (e.g. `mlopsNamespaceRefusal`).
 *
 * @internal
 */
export async function responseError(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  errorFields: Record<string, unknown> = {},
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: ERROR_NAME[status] ?? 'Error', message, ...errorFields },
        request: { method: 'GET', url: '/api/mlops' },
        response: { statusCode: status },
        ...extra,
      }),
      {
        status,
        statusText: STATUS_TEXT[status] ?? 'Error',
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

/**
 * The 403 of the mlops backend when the entity's namespace does not allow its owner:
 * `message` and the refusal (cluster `dev`, the allowed-owners annotation).
 *
 * @internal
 */
export function namespaceRefusedError(
  message: string,
  refusal: { namespace: string; owner?: string; use: 'read' | 'mutation' },
): Promise<ResponseError> {
  return responseError(
    403,
    message,
    {},
    {
      mlopsNamespaceRefusal: {
        cluster: 'dev',
        annotation: 'mlops.backstage.io/allowed-owners',
        ...refusal,
      },
    },
  );
}
