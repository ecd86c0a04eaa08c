import { toSlimMlopsObject } from '../kinds/toSlimMlopsObject';
import { readServingEvents } from './events';
import { readPod } from './pod';
import { readServingProgress } from './servingProgress';

// Raw objects as the API server returns them (core/v1 Pod and Event fields from
// k8s.io/api core/v1 types.go; the pod as KServe's RawDeployment predictor with a
// model server that exits, as kubelet reports it).

const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'ml',
  uid: `${name}-uid`,
  resourceVersion: '1',
  ...extra,
});

function crashingPod() {
  return toSlimMlopsObject('pods', {
    metadata: meta('iris-predictor-7d9f-abcde', {
      creationTimestamp: '2026-12-07T10:00:00Z',
      labels: {
        'serving.kserve.io/inferenceservice': 'iris',
        component: 'predictor',
      },
    }),
    spec: {
      containers: [
        { name: 'kserve-container', image: 'mlserver' },
        { name: 'queue-proxy', image: 'qp' },
      ],
      volumes: [{ name: 'x' }],
    },
    status: {
      phase: 'Running',
      startTime: '2026-12-07T10:00:00Z',
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
      ],
      containerStatuses: [
        {
          name: 'kserve-container',
          ready: false,
          restartCount: 3,
          state: {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: 'back-off 40s restarting failed container',
            },
          },
          lastState: {
            terminated: {
              exitCode: 137,
              reason: 'OOMKilled',
              finishedAt: '2026-12-07T10:03:00Z',
            },
          },
        },
        {
          name: 'queue-proxy',
          ready: true,
          restartCount: 1,
          state: { running: {} },
        },
      ],
    },
  })!;
}

function event(
  name: string,
  fields: Record<string, unknown>,
  involved: Record<string, unknown> = {
    kind: 'Pod',
    name: 'iris-predictor-7d9f-abcde',
    fieldPath: 'spec.containers{kserve-container}',
  },
) {
  return toSlimMlopsObject('events', {
    metadata: meta(name),
    involvedObject: involved,
    ...fields,
  })!;
}

describe('readPod', () => {
  it('reads phase, restarts, the waiting reason and the last termination of kserve-container', () => {
    expect(readPod(crashingPod())).toEqual({
      name: 'iris-predictor-7d9f-abcde',
      component: 'predictor',
      phase: 'Running',
      ready: false,
      restarts: 4,
      reason: 'CrashLoopBackOff',
      message: 'back-off 40s restarting failed container',
      lastTermination: {
        reason: 'OOMKilled',
        exitCode: 137,
        finishedAt: '2026-12-07T10:03:00Z',
      },
      container: 'kserve-container',
      containers: ['kserve-container', 'queue-proxy'],
      startedAt: '2026-12-07T10:00:00Z',
    });
  });

  it('shows an image that cannot be pulled and a failing storage-initializer as kubectl does', () => {
    const pod = toSlimMlopsObject('pods', {
      metadata: meta('p'),
      spec: { containers: [{ name: 'kserve-container' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          {
            name: 'storage-initializer',
            restartCount: 2,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
          },
        ],
        containerStatuses: [
          {
            name: 'kserve-container',
            state: { waiting: { reason: 'PodInitializing' } },
          },
        ],
      },
    })!;
    expect(readPod(pod)).toEqual(
      expect.objectContaining({ reason: 'Init:CrashLoopBackOff', restarts: 2 }),
    );
    const pulling = toSlimMlopsObject('pods', {
      metadata: meta('q'),
      spec: { containers: [{ name: 'kserve-container' }] },
      status: {
        phase: 'Pending',
        containerStatuses: [
          {
            name: 'kserve-container',
            state: {
              waiting: {
                reason: 'ImagePullBackOff',
                message: 'Back-off pulling image "x"',
              },
            },
          },
        ],
      },
    })!;
    expect(readPod(pulling)).toEqual(
      expect.objectContaining({
        reason: 'ImagePullBackOff',
        message: 'Back-off pulling image "x"',
      }),
    );
  });
});

describe('readServingEvents', () => {
  it('keeps only Pod and InferenceService events in the cache', () => {
    expect(
      toSlimMlopsObject('events', {
        metadata: meta('e'),
        involvedObject: { kind: 'Node', name: 'n' },
        reason: 'NodeReady',
      }),
    ).toBeUndefined();
  });

  it('puts warnings first, newest first, and folds repeats into one count', () => {
    const events = [
      event('a', {
        type: 'Normal',
        reason: 'Started',
        message: 'Started container kserve-container',
        count: 1,
        firstTimestamp: '2026-12-07T10:00:05Z',
        lastTimestamp: '2026-12-07T10:00:05Z',
      }),
      event('b', {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container kserve-container',
        count: 3,
        firstTimestamp: '2026-12-07T10:01:00Z',
        lastTimestamp: '2026-12-07T10:02:00Z',
      }),
      // The same warning again under another name (a recorder restarted).
      event('c', {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container kserve-container',
        count: 2,
        firstTimestamp: '2026-12-07T10:02:30Z',
        lastTimestamp: '2026-12-07T10:04:00Z',
      }),
      // A new-style event: eventTime and series instead of timestamps and count.
      event(
        'd',
        {
          type: 'Warning',
          reason: 'InferenceServiceNotReady',
          message: 'InferenceService [iris] is no longer Ready',
          eventTime: '2026-12-07T10:03:00.000000Z',
          series: { count: 4, lastObservedTime: '2026-12-07T10:03:30.000000Z' },
          reportingComponent: 'v1beta1Controllers',
        },
        { kind: 'InferenceService', name: 'iris' },
      ),
      event('e', {
        type: 'Normal',
        reason: 'Scheduled',
        message: 'Successfully assigned ml/iris-predictor-7d9f-abcde to node',
        lastTimestamp: '2026-12-07T09:59:59Z',
        source: { component: 'default-scheduler' },
      }),
    ];
    const read = readServingEvents(events);
    expect(read.map(e => [e.reason, e.count])).toEqual([
      ['BackOff', 5],
      ['InferenceServiceNotReady', 4],
      ['Started', 1],
      ['Scheduled', 1],
    ]);
    expect(read[0]).toEqual({
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container kserve-container',
      object: {
        kind: 'Pod',
        name: 'iris-predictor-7d9f-abcde',
        container: 'kserve-container',
      },
      count: 5,
      firstSeen: '2026-12-07T10:01:00Z',
      lastSeen: '2026-12-07T10:04:00Z',
    });
    expect(read[1].reporter).toBe('v1beta1Controllers');
    expect(read[3].reporter).toBe('default-scheduler');
  });
});

describe('readServingProgress', () => {
  const isvc = (status: Record<string, unknown>) =>
    toSlimMlopsObject('inferenceservices', {
      metadata: meta('iris'),
      spec: { predictor: { model: { modelFormat: { name: 'sklearn' } } } },
      status,
    })!;

  it('marks the model server crashed with KServe lastFailureInfo, and later steps pending', () => {
    const failing = isvc({
      conditions: [
        { type: 'IngressReady', status: 'False' },
        { type: 'PredictorReady', status: 'False' },
        { type: 'Ready', status: 'False' },
      ],
      modelStatus: {
        transitionStatus: 'BlockedByFailedLoad',
        states: { activeModelState: '', targetModelState: 'FailedToLoad' },
        lastFailureInfo: {
          reason: 'ModelLoadFailed',
          message: 'model.joblib: not found',
          exitCode: 1,
        },
      },
    });
    expect(
      readServingProgress(failing, [crashingPod()]).map(s => [
        s.id,
        s.state,
        s.label,
        s.detail,
      ]),
    ).toEqual([
      ['requested', 'done', 'Deployment requested', undefined],
      ['scheduled', 'done', 'Pod scheduled', undefined],
      [
        'serverStarted',
        'failed',
        'Model server crashed',
        'ModelLoadFailed: model.joblib: not found',
      ],
      ['modelLoaded', 'pending', 'Model loaded', undefined],
      ['ingressReady', 'pending', 'Ingress ready', undefined],
      ['ready', 'pending', 'Deployment ready', undefined],
    ]);
  });

  it('is done to the end when the model is loaded and the service Ready; active where it waits', () => {
    const ready = isvc({
      conditions: [
        { type: 'IngressReady', status: 'True' },
        { type: 'Ready', status: 'True' },
      ],
      modelStatus: {
        transitionStatus: 'UpToDate',
        states: { activeModelState: 'Loaded', targetModelState: 'Loaded' },
      },
    });
    const running = toSlimMlopsObject('pods', {
      metadata: meta('p', { labels: { component: 'predictor' } }),
      spec: { containers: [{ name: 'kserve-container' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'PodScheduled', status: 'True' }],
        containerStatuses: [
          { name: 'kserve-container', state: { running: {} } },
        ],
      },
    })!;
    expect(readServingProgress(ready, [running]).map(s => s.state)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
      'done',
    ]);
    expect(readServingProgress(isvc({}), []).map(s => s.state)).toEqual([
      'done',
      'active',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    // Without pods to read (a simulated service), a model that loaded or failed to
    // load had them.
    expect(
      readServingProgress(
        isvc({
          modelStatus: {
            transitionStatus: 'BlockedByFailedLoad',
            states: { targetModelState: 'FailedToLoad' },
            lastFailureInfo: { reason: 'ModelLoadFailed' },
          },
        }),
        [],
      ).map(s => `${s.label}: ${s.state}`),
    ).toEqual([
      'Deployment requested: done',
      'Pod scheduled: done',
      'Model server started: done',
      'Model failed to load: failed',
      'Ingress ready: pending',
      'Deployment ready: pending',
    ]);
    expect(readServingProgress(ready, []).map(s => s.state)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
      'done',
    ]);
  });
});
