import { InputError } from '@backstage/errors';
import express, {
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import Router from 'express-promise-router';

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (
    req.headers['transfer-encoding'] !== undefined ||
    (length !== undefined && length !== '0')
  );
}

/** An `InputError` answered with another 4xx status (the error handler reads `statusCode`). */
function inputError(message: string, statusCode = 400): InputError {
  return Object.assign(new InputError(message), { statusCode });
}

/**
 * The JSON request body of the mlops routes, at most `limit` (e.g. `64kb`). A body of
 * another content type is refused (not dropped), and body-parser's errors become
 * `InputError`s that name the request body: not JSON, too large (413), an unsupported
 * charset or encoding (415).
 *
 * @internal
 */
export function jsonBody(limit: string) {
  const router = Router();
  router.use((req: Request, _res: Response, next: NextFunction) => {
    if (hasBody(req) && !req.is('application/json')) {
      throw inputError(
        `invalid request body: content-type must be application/json, not ${JSON.stringify(
          req.headers['content-type'] ?? '',
        )}`,
        415,
      );
    }
    next();
  });
  router.use(express.json({ limit }));
  router.use(
    (error: unknown, _req: Request, _res: Response, next: NextFunction) => {
      const type = (error as { type?: unknown })?.type;
      const message = (error as { message?: unknown })?.message;
      switch (type) {
        case 'entity.parse.failed':
          next(inputError(`invalid request body: not JSON: ${message}`));
          return;
        case 'entity.too.large':
          next(inputError(`invalid request body: larger than ${limit}`, 413));
          return;
        case 'charset.unsupported':
        case 'encoding.unsupported':
          next(
            inputError(
              `invalid request body: ${message} (content-type: application/json; charset=utf-8)`,
              415,
            ),
          );
          return;
        default:
          next(error);
      }
    },
  );
  return router;
}
