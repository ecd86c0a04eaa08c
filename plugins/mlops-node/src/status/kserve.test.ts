import { toSlimMlopsObject } from '../kinds/toSlimMlopsObject';
import {
  inferenceServiceFixtures,
  type InferenceServiceFixture,
} from './corpus';
import {
  normalizeDeploymentMode,
  readInferenceService,
  type InferenceServiceReading,
} from './kserve';

function observe(
  fixture: InferenceServiceFixture,
  reading: InferenceServiceReading,
) {
  const e = fixture.expect;
  return {
    ready: reading.ready,
    cause: e.cause
      ? {
          type: reading.failingCondition?.type,
          reason: e.cause.reason ? reading.failingCondition?.reason : undefined,
        }
      : undefined,
    causeWhenReady:
      reading.ready === 'True' ? reading.failingCondition : undefined,
    modelState: reading.modelState?.state,
    loadFailure: reading.modelState?.loadFailure?.message,
    previousStillServes: Boolean(reading.modelState?.previousStillServes),
    deploymentMode: e.deploymentMode ? reading.deploymentMode : undefined,
    revisions: Boolean(reading.revisions),
    traffic: reading.traffic.length,
    stopped: Boolean(reading.stopped),
    info: reading.conditions
      .filter(c => c.severity === 'Info')
      .map(c => c.type)
      .filter(type => e.infoConditions?.includes(type)),
    readyFirst:
      reading.conditions.length === 0 || reading.conditions[0].type === 'Ready',
  };
}

function expected(fixture: InferenceServiceFixture) {
  const e = fixture.expect;
  return {
    ready: e.ready,
    cause: e.cause ? { type: e.cause.type, reason: e.cause.reason } : undefined,
    causeWhenReady: undefined,
    modelState: e.modelState,
    loadFailure: e.loadFailure
      ? expect.stringMatching(e.loadFailure)
      : undefined,
    previousStillServes: Boolean(e.previousStillServes),
    deploymentMode: e.deploymentMode,
    revisions: Boolean(e.revisions),
    traffic: e.traffic ?? 0,
    stopped: Boolean(e.stopped),
    info: e.infoConditions ?? [],
    readyFirst: true,
  };
}

describe('the KServe vocabulary over the corpus', () => {
  it.each(inferenceServiceFixtures.map(f => [f.id, f] as const))(
    '%s',
    (_id, fixture) => {
      const isvc = toSlimMlopsObject('inferenceservices', fixture.object);
      if (!isvc) throw new Error('the fixture has no valid metadata');
      expect(observe(fixture, readInferenceService(isvc))).toEqual(
        expected(fixture),
      );
    },
  );
});

describe('the KServe vocabulary', () => {
  const slim = (id: string) =>
    toSlimMlopsObject(
      'inferenceservices',
      inferenceServiceFixtures.find(f => f.id === id)!.object,
    )!;

  it('never takes the first False condition of the sorted list for the cause', () => {
    const isvc = slim('isvc-serverless-revision-failed');
    const firstFalse = isvc.status?.conditions?.find(c => c.status === 'False');
    expect(firstFalse?.type).toBe('IngressReady');
    expect(readInferenceService(isvc).failingCondition?.message).toMatch(
      /Container failed with/,
    );
  });

  it('reads a failure an older writer put in activeModelState', () => {
    const isvc = slim('isvc-raw-ready');
    const modelStatus = {
      transitionStatus: 'BlockedByFailedLoad',
      states: { activeModelState: 'FailedToLoad' },
      lastFailureInfo: { reason: 'ModelLoadFailed', message: 'boom' },
    };
    expect(
      readInferenceService({ ...isvc, status: { ...isvc.status, modelStatus } })
        .modelState,
    ).toEqual(
      expect.objectContaining({
        state: 'FailedToLoad',
        loadFailure: { reason: 'ModelLoadFailed', message: 'boom' },
      }),
    );
  });

  it('maps the legacy deployment mode names to the current ones', () => {
    expect(normalizeDeploymentMode('RawDeployment')).toBe('Standard');
    expect(normalizeDeploymentMode('serverless')).toBe('Knative');
    expect(normalizeDeploymentMode('ModelMesh')).toBe('ModelMesh');
    expect(normalizeDeploymentMode('Other')).toBeUndefined();
  });
});
