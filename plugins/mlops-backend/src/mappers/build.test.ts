import { toBuildSummary } from './build';
import { aBuild, at } from './testFixtures';

describe('toBuildSummary', () => {
  it('maps a completed build with its ns duration, image and digest', () => {
    const build = aBuild('anomaly-detector-notebook', 4, {
      phase: 'Complete',
      startTimestamp: at(0),
      completionTimestamp: at(215),
      duration: 214_512_000_000,
      outputDockerImageReference:
        'image-registry.openshift-image-registry.svc:5000/mlops-demo/anomaly-detector-notebook:latest',
      output: { to: { imageDigest: 'sha256:abc123' } },
      config: { name: 'anomaly-detector-notebook', namespace: 'mlops-demo' },
    });
    expect(toBuildSummary(build)).toEqual({
      name: 'anomaly-detector-notebook-4',
      buildConfig: 'anomaly-detector-notebook',
      number: 4,
      phase: 'Complete',
      status: 'Succeeded',
      createdAt: '2026-05-01T10:00:00Z',
      startedAt: at(0),
      completedAt: at(215),
      durationSeconds: 214.512,
      imageReference:
        'image-registry.openshift-image-registry.svc:5000/mlops-demo/anomaly-detector-notebook:latest',
      imageDigest: 'sha256:abc123',
    });
  });

  it('maps the seeded failed build with its reason', () => {
    const summary = toBuildSummary(
      aBuild('forecast-capacity-notebook', 3, {
        phase: 'Failed',
        reason: 'DockerBuildFailed',
        message: 'Docker build strategy has failed.',
        startTimestamp: at(0),
        completionTimestamp: at(200),
        duration: 200_000_000_000,
      }),
    );
    expect(summary).toMatchObject({
      phase: 'Failed',
      status: 'Failed',
      reason: 'DockerBuildFailed',
      message: 'Docker build strategy has failed.',
      durationSeconds: 200,
    });
    expect(summary.imageReference).toBeUndefined();
  });

  it('computes the duration from timestamps when status.duration is absent', () => {
    expect(
      toBuildSummary(
        aBuild('bc', 1, {
          phase: 'Complete',
          startTimestamp: at(0),
          completionTimestamp: at(90),
        }),
      ).durationSeconds,
    ).toBe(90);
  });

  it('reads the config and number from labels and the name when not annotated', () => {
    const summary = toBuildSummary(
      aBuild(
        'my-bc',
        12,
        { phase: 'Running', startTimestamp: at(0) },
        { annotated: false },
      ),
    );
    expect(summary).toMatchObject({
      buildConfig: 'my-bc',
      number: 12,
      status: 'Running',
    });
    expect(summary.durationSeconds).toBeUndefined();
  });

  it('maps a build without status as New', () => {
    expect(toBuildSummary(aBuild('bc', 1))).toMatchObject({
      phase: 'New',
      status: 'Pending',
    });
  });
});
