import express, {
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import request from 'supertest';
import { jsonBody } from './jsonBody';

function app() {
  const server = express();
  server.use(jsonBody('1kb'));
  server.post('/echo', (req, res) => {
    res.json({ body: req.body ?? null });
  });
  // What Backstage's error handler reads: the status (statusCode) and the message.
  server.use(
    (
      error: Error & { statusCode?: number },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      res
        .status(error.statusCode ?? 500)
        .json({ name: error.name, message: error.message });
    },
  );
  return server;
}

describe('jsonBody', () => {
  it('parses a JSON body', async () => {
    const res = await request(app()).post('/echo').send({ dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ body: { dryRun: true } });
  });

  it('lets a request without a body through', async () => {
    const res = await request(app()).post('/echo');
    expect(res.status).toBe(200);
  });

  it('refuses a body of another content type instead of dropping it', async () => {
    const res = await request(app())
      .post('/echo')
      .set('content-type', 'text/plain')
      .send('{"dryRun":true}');
    expect(res.status).toBe(415);
    expect(res.body).toEqual({
      name: 'InputError',
      message:
        'invalid request body: content-type must be application/json, not "text/plain"',
    });
  });

  it('names the request body when it is not JSON, too large or in another charset', async () => {
    const notJson = await request(app())
      .post('/echo')
      .set('content-type', 'application/json')
      .send('{"dryRun":');
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toMatch(/^invalid request body: not JSON: /);

    const large = await request(app())
      .post('/echo')
      .send({ padding: 'x'.repeat(2000) });
    expect(large.status).toBe(413);
    expect(large.body.message).toBe('invalid request body: larger than 1kb');

    const charset = await request(app())
      .post('/echo')
      .set('content-type', 'application/json; charset=latin-9')
      .send('{}');
    expect(charset.status).toBe(415);
    expect(charset.body.message).toMatch(/^invalid request body: .*charset/);
  });
});
