import { toWorkbenchState } from './workbench';
import { at, aWorkbench } from './testFixtures';

const IMAGE =
  'image-registry.openshift-image-registry.svc:5000/mlops-demo/anomaly-detector-notebook:latest';

describe('toWorkbenchState', () => {
  it('is Running with a ready replica (simulator: Running condition, readyReplicas 1)', () => {
    expect(
      toWorkbenchState(
        aWorkbench(
          {
            readyReplicas: 1,
            containerState: { running: { startedAt: at(0) } },
            conditions: [{ type: 'Running', status: 'True' }],
          },
          { gpu: 1 },
        ),
      ),
    ).toEqual({
      name: 'anomaly-detector-workbench',
      state: 'Running',
      image: IMAGE,
      gpu: 1,
    });
  });

  it('is Stopped with the stop time (simulator: readyReplicas 0, no state)', () => {
    expect(
      toWorkbenchState(
        aWorkbench(
          { readyReplicas: 0, containerState: {}, conditions: [] },
          { stopped: at(-3600) },
        ),
      ),
    ).toEqual({
      name: 'anomaly-detector-workbench',
      state: 'Stopped',
      image: IMAGE,
      gpu: 0,
      stoppedAt: at(-3600),
    });
  });

  it('is Stopping while the pod is still up', () => {
    expect(
      toWorkbenchState(
        aWorkbench(
          {
            readyReplicas: 1,
            containerState: { running: { startedAt: at(0) } },
          },
          { stopped: at(0) },
        ),
      ).state,
    ).toBe('Stopping');
  });

  it('is Starting while the container is created (simulator: Waiting ContainerCreating)', () => {
    expect(
      toWorkbenchState(
        aWorkbench({
          readyReplicas: 0,
          containerState: { waiting: { reason: 'ContainerCreating' } },
          conditions: [
            { type: 'Waiting', status: 'True', reason: 'ContainerCreating' },
          ],
        }),
      ),
    ).toMatchObject({ state: 'Starting', message: 'ContainerCreating' });
    expect(
      toWorkbenchState(
        aWorkbench({ readyReplicas: 0, containerState: { running: {} } }),
      ).state,
    ).toBe('Starting');
  });

  it('is Starting while the notebook controller holds the workbench back', () => {
    expect(
      toWorkbenchState(
        aWorkbench(undefined, { stopped: 'odh-notebook-controller-lock' }),
      ).state,
    ).toBe('Starting');
  });

  it('is Starting before the controller reports', () => {
    expect(toWorkbenchState(aWorkbench())).toMatchObject({ state: 'Starting' });
  });

  it('is Failed when the container cannot run', () => {
    expect(
      toWorkbenchState(
        aWorkbench({
          readyReplicas: 0,
          containerState: {
            waiting: {
              reason: 'ImagePullBackOff',
              message: 'Back-off pulling image "x"',
            },
          },
        }),
      ),
    ).toMatchObject({
      state: 'Failed',
      message: 'ImagePullBackOff: Back-off pulling image "x"',
    });
    expect(
      toWorkbenchState(
        aWorkbench({
          readyReplicas: 0,
          containerState: {
            terminated: { exitCode: 137, reason: 'OOMKilled' },
          },
        }),
      ),
    ).toMatchObject({ state: 'Failed', message: 'OOMKilled' });
  });

  it('reads a stop annotation that is not a time as Stopped without a time', () => {
    const state = toWorkbenchState(
      aWorkbench({ readyReplicas: 0 }, { stopped: 'true' }),
    );
    expect(state.state).toBe('Stopped');
    expect(state.stoppedAt).toBeUndefined();
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
  });
});
