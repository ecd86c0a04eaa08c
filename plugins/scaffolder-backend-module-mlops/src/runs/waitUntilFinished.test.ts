import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { type RunObservation, waitUntilFinished } from './waitUntilFinished';

// The polling logic on its own, with a scripted sequence of observations; the real
// reads of PipelineRuns, jobs and builds are tested against the dev cluster.

function scripted(...steps: Array<RunObservation | Error>) {
  let i = 0;
  return jest.fn(async () => {
    const step = steps[Math.min(i++, steps.length - 1)];
    if (step instanceof Error) throw step;
    return step;
  });
}

describe('waitUntilFinished', () => {
  it('logs each change of status once and returns the finished observation', async () => {
    const logger = mockServices.logger.mock();
    const observe = scripted(
      { status: 'Pending', finished: false },
      { status: 'Running', finished: false, detail: 'Tasks Completed: 1' },
      { status: 'Running', finished: false, detail: 'Tasks Completed: 1' },
      { status: 'Succeeded', finished: true, detail: 'Succeeded' },
    );
    const result = await waitUntilFinished({
      what: 'PipelineRun ml/train-m-abcde on cluster dev',
      observe,
      timeoutSeconds: 10,
      pollIntervalMs: 1,
      logger,
    });
    expect(result).toEqual(
      expect.objectContaining({ status: 'Succeeded', finished: true }),
    );
    expect(observe).toHaveBeenCalledTimes(4);
    const lines = logger.info.mock.calls.map(([m]) => m);
    expect(lines).toEqual([
      'waiting for PipelineRun ml/train-m-abcde on cluster dev to finish (at most 10s)',
      expect.stringMatching(/: Pending after \d+s$/),
      expect.stringMatching(/: Running \(Tasks Completed: 1\) after \d+s$/),
      expect.stringMatching(/: Succeeded \(Succeeded\) after \d+s$/),
    ]);
  });

  it('gives up after the timeout naming the run and its last status', async () => {
    const started = Date.now();
    const error = await waitUntilFinished({
      what: 'Build ml/img-3 on cluster dev',
      observe: scripted({ status: 'Running', finished: false }),
      timeoutSeconds: 1,
      pollIntervalMs: 100,
      logger: mockServices.logger.mock(),
    }).catch(e => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      'gave up waiting for Build ml/img-3 on cluster dev after 1s: its last status was Running; it goes on on the cluster (raise timeoutSeconds to wait longer)',
    );
  });

  it('retries a cluster that does not answer for a moment, but not other errors', async () => {
    const logger = mockServices.logger.mock();
    const result = await waitUntilFinished({
      what: 'x',
      observe: scripted(
        new ServiceUnavailableError('cluster dev is unreachable'),
        {
          status: 'Complete',
          finished: true,
        },
      ),
      timeoutSeconds: 10,
      pollIntervalMs: 1,
      logger,
    });
    expect(result.status).toBe('Complete');
    const neverRead = await waitUntilFinished({
      what: 'x',
      observe: scripted(
        new ServiceUnavailableError('cluster dev is unreachable'),
      ),
      timeoutSeconds: 1,
      pollIntervalMs: 200,
      logger,
    }).catch(e => e);
    expect(neverRead.message).toBe(
      'gave up waiting for x after 1s: its last status was unknown (the last read failed: cluster dev is unreachable); it goes on on the cluster (raise timeoutSeconds to wait longer)',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'could not read x, retrying: cluster dev is unreachable',
    );
    await expect(
      waitUntilFinished({
        what: 'x',
        observe: scripted(new NotFoundError('builds "x" not found')),
        timeoutSeconds: 10,
        pollIntervalMs: 1,
        logger,
      }),
    ).rejects.toThrow(NotFoundError);
  });

  it('stops when the task is cancelled', async () => {
    const controller = new AbortController();
    const done = waitUntilFinished({
      what: 'x',
      observe: scripted({ status: 'Running', finished: false }),
      timeoutSeconds: 60,
      pollIntervalMs: 50_000,
      logger: mockServices.logger.mock(),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 10);
    await expect(done).rejects.toThrow(
      'stopped waiting for x: the task was cancelled; last status Running',
    );
  });
});
