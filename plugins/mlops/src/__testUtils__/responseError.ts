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
 * given status and message; `extra` adds fields next to `error` (e.g. `items`).
 *
 * @internal
 */
export async function responseError(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: ERROR_NAME[status] ?? 'Error', message },
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
