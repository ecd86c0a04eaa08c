import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MlopsClient } from './MlopsClient';
import { MLOPS_LOG_LIMIT_HEADER } from './readLogBody';

const server = setupServer();
const baseUrl = 'http://backstage.test:7007';
const entityPath = `${baseUrl}/api/mlops/entity/component/default/anomaly-detector`;
const stepLog = `${entityPath}/taskruns/:taskRun/steps/:step/log`;
const ref = 'component:default/anomaly-detector';
const encoder = new TextEncoder();

/** A log body the test writes to piece by piece. */
function controlledBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start: c => {
      controller = c;
    },
  });
  return {
    stream,
    write: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
    fail: () => controller.error(new Error('connection reset')),
  };
}

function errorBody(status: number, message: string, name = 'NotFoundError') {
  return {
    error: { name, message },
    request: { method: 'GET', url: '/api/mlops' },
    response: { statusCode: status },
  };
}

describe('MlopsClient.readLog', () => {
  registerMswTestHooks(server);

  const client = new MlopsClient({
    discoveryApi: mockApis.discovery({ baseUrl }),
    fetchApi: mockApis.fetch({ injectIdentityAuth: { token: 'user-token' } }),
  });

  it('follows a running step: each chunk reaches onText as it arrives, as the signed-in user', async () => {
    const body = controlledBody();
    const seen: Array<{ url: string; auth: string | null }> = [];
    server.use(
      http.get(stepLog, ({ request }) => {
        seen.push({
          url: request.url,
          auth: request.headers.get('authorization'),
        });
        return new HttpResponse(body.stream, {
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        });
      }),
    );
    const texts: string[] = [];
    const opened = jest.fn();
    const done = client.readLog(
      ref,
      { type: 'step', taskRun: 'run-1-train', step: 'train' },
      { follow: true, onOpen: opened, onText: t => texts.push(t) },
    );

    body.write('epoch 1/3\n');
    await waitFor(() => expect(texts).toEqual(['epoch 1/3\n']));
    expect(opened).toHaveBeenCalledTimes(1);
    body.write('epoch 2/3\n');
    await waitFor(() => expect(texts).toEqual(['epoch 1/3\n', 'epoch 2/3\n']));
    body.end();

    await expect(done).resolves.toEqual({
      bytes: 20,
      limitBytes: undefined,
      truncated: false,
      aborted: false,
    });
    expect(seen).toEqual([
      {
        url: `${entityPath}/taskruns/run-1-train/steps/train/log?follow=true`,
        auth: 'Bearer user-token',
      },
    ]);
  });

  it('reads a build log once, decoding characters split across chunks', async () => {
    const urls: string[] = [];
    const bytes = encoder.encode('Pushed image ✓\n');
    const splitAt = bytes.length - 2; // inside the 3-byte ✓
    server.use(
      http.get(`${entityPath}/builds/:build/log`, ({ request }) => {
        urls.push(request.url);
        return new HttpResponse(
          new ReadableStream({
            start(c) {
              c.enqueue(bytes.slice(0, splitAt));
              c.enqueue(bytes.slice(splitAt));
              c.close();
            },
          }),
        );
      }),
    );
    const texts: string[] = [];
    const result = await client.readLog(
      ref,
      { type: 'build', build: 'anomaly-detector-notebook-7' },
      { onText: t => texts.push(t), tailLines: 100 },
    );
    expect(texts.join('')).toBe('Pushed image ✓\n');
    expect(result.bytes).toBe(bytes.length);
    expect(urls).toEqual([
      `${entityPath}/builds/anomaly-detector-notebook-7/log?tailLines=100`,
    ]);
  });

  it("reads a serving pod's container log", async () => {
    const urls: string[] = [];
    server.use(
      http.get(
        `${entityPath}/serving-pods/:pod/containers/:container/log`,
        ({ request }) => {
          urls.push(request.url);
          return new HttpResponse('model failed to load\n');
        },
      ),
    );
    const texts: string[] = [];
    await client.readLog(
      ref,
      {
        type: 'serving-pod',
        pod: 'anomaly-detector-predictor-abc-12345',
        container: 'kserve-container',
      },
      { onText: t => texts.push(t) },
    );
    expect(texts.join('')).toBe('model failed to load\n');
    expect(urls).toEqual([
      `${entityPath}/serving-pods/anomaly-detector-predictor-abc-12345/containers/kserve-container/log`,
    ]);
  });

  it('stops reading when aborted (the dialog closed): the request is aborted and the call resolves as aborted', async () => {
    const body = controlledBody();
    const requestAborted = jest.fn();
    server.use(
      http.get(stepLog, ({ request }) => {
        request.signal.addEventListener('abort', requestAborted);
        return new HttpResponse(body.stream);
      }),
    );
    const controller = new AbortController();
    const texts: string[] = [];
    const done = client.readLog(
      ref,
      { type: 'step', taskRun: 'run-1-train', step: 'train' },
      { follow: true, signal: controller.signal, onText: t => texts.push(t) },
    );
    body.write('epoch 1/3\n');
    await waitFor(() => expect(texts).toEqual(['epoch 1/3\n']));

    controller.abort();

    await expect(done).resolves.toMatchObject({ aborted: true, bytes: 10 });
    expect(requestAborted).toHaveBeenCalled();
    // Text the server would still send is not read any more.
    body.write('epoch 2/3\n');
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(texts).toEqual(['epoch 1/3\n']);
  });

  it("throws the backend's error, e.g. the pod is gone", async () => {
    server.use(
      http.get(stepLog, () =>
        HttpResponse.json(
          errorBody(404, 'TaskRun run-1-train has no pod yet'),
          { status: 404 },
        ),
      ),
    );
    const error = await client
      .readLog(
        ref,
        { type: 'step', taskRun: 'run-1-train', step: 'train' },
        { onText: jest.fn() },
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause.message).toBe('TaskRun run-1-train has no pod yet');
  });

  it('says the log was truncated when it reached the limit the backend announced', async () => {
    server.use(
      http.get(
        stepLog,
        () =>
          new HttpResponse('0123456789', {
            headers: { [MLOPS_LOG_LIMIT_HEADER]: '10' },
          }),
      ),
    );
    const result = await client.readLog(
      ref,
      { type: 'step', taskRun: 'run-1-train', step: 'train' },
      { onText: jest.fn(), limitBytes: 50 },
    );
    expect(result).toEqual({
      bytes: 10,
      limitBytes: 10,
      truncated: true,
      aborted: false,
    });
  });

  it('is not truncated below the limit', async () => {
    server.use(
      http.get(
        stepLog,
        () =>
          new HttpResponse('short', {
            headers: { [MLOPS_LOG_LIMIT_HEADER]: '1048576' },
          }),
      ),
    );
    const result = await client.readLog(
      ref,
      { type: 'step', taskRun: 'run-1-train', step: 'train' },
      { onText: jest.fn() },
    );
    expect(result.truncated).toBe(false);
  });

  it('fails, keeping the text already handed out, when the stream breaks off', async () => {
    const body = controlledBody();
    server.use(http.get(stepLog, () => new HttpResponse(body.stream)));
    const texts: string[] = [];
    const done = client.readLog(
      ref,
      { type: 'step', taskRun: 'run-1-train', step: 'train' },
      { follow: true, onText: t => texts.push(t) },
    );
    body.write('epoch 1/3\n');
    await waitFor(() => expect(texts).toHaveLength(1));
    body.fail();
    await expect(done).rejects.toThrow('The log broke off after 10 bytes');
    expect(texts).toEqual(['epoch 1/3\n']);
  });
});
