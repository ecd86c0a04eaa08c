import type {
  SlimBuild,
  SlimInferenceService,
} from '@backstage-mlops/plugin-mlops-node';
import { toModelLineage } from './modelLineage';
import { toPipelineRunSummary } from './pipelineRun';
import {
  aBuild,
  aPipelineRun,
  aTaskRun,
  aValidationJob,
  anInferenceService,
  at,
  condition,
} from './testFixtures';

const RUN = 'anomaly-detector-run-7';
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const COMMIT = '4f2b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b';
const IMAGE = `image-registry.openshift-image-registry.svc:5000/mlops-demo/anomaly-detector-notebook@${DIGEST}`;

/** The InferenceService after the pipeline's promotion step of RUN. */
function promoted(readySince = at(0)): SlimInferenceService {
  const isvc = anInferenceService({
    conditions: [
      { ...condition('Ready', 'True'), lastTransitionTime: readySince },
    ],
  });
  return {
    ...isvc,
    metadata: {
      ...isvc.metadata,
      annotations: {
        'mlops.dev/served-run': RUN,
        'mlops.dev/served-model-version': `anomaly-detector/candidates/${RUN}`,
      },
    },
    spec: {
      predictor: {
        ...isvc.spec.predictor,
        annotations: { 'mlops.dev/promoted-by': `${RUN}-deploy-model` },
      },
    },
  };
}

function theRun() {
  const run = aPipelineRun(RUN, {
    succeeded: condition('Succeeded', 'True', 'Succeeded'),
    startTime: at(0),
    completionTime: at(600),
    tasks: ['train-model', 'deploy-model'],
    results: [{ name: 'metrics', value: '{"rmse":0.72}' }],
  });
  return toPipelineRunSummary(run, [
    aTaskRun(RUN, 'train-model', {
      succeeded: condition('Succeeded', 'True', 'Succeeded'),
      startTime: at(0),
      completionTime: at(400),
    }),
    aTaskRun(RUN, 'deploy-model', {
      succeeded: condition('Succeeded', 'True', 'Succeeded'),
      startTime: at(400),
      completionTime: at(500),
    }),
  ]);
}

function theJob(image = IMAGE) {
  const job = aValidationJob(
    'train-anomaly-detector-1',
    {
      phase: 'Succeeded',
      startTime: at(10),
      completionTime: at(300),
    },
    { createdAt: at(5) },
  );
  return {
    ...job,
    spec: { ...job.spec, podConfig: { containerImage: image } },
  };
}

function theBuild(revision = true): SlimBuild {
  const build = aBuild('anomaly-detector-notebook', 2, {
    phase: 'Complete',
    completionTimestamp: at(-60),
    output: { to: { imageDigest: DIGEST } },
  });
  return {
    ...build,
    spec: {
      ...build.spec,
      source: { git: { uri: 'https://github.com/acme/anomaly-detector.git' } },
      ...(revision
        ? {
            revision: {
              git: {
                commit: COMMIT,
                message: 'More trees',
                author: { name: 'Ada' },
              },
            },
          }
        : {}),
    },
  };
}

describe('toModelLineage', () => {
  it('follows the served model to its run, validation job, build and commit', () => {
    const lineage = toModelLineage({
      inferenceService: promoted(),
      run: theRun(),
      validationJobs: [theJob()],
      builds: [
        aBuild('anomaly-detector-notebook', 1, {
          phase: 'Complete',
          output: { to: { imageDigest: `sha256:${'cd'.repeat(32)}` } },
        }),
        theBuild(),
      ],
    });
    expect(lineage).toEqual({
      serving: {
        inferenceService: 'anomaly-detector',
        ready: 'True',
        modelVersion: `anomaly-detector/candidates/${RUN}`,
        storageUri: 'pvc://model-storage-pvc/anomaly-detector',
        servingSince: at(500),
        servingSinceFrom: 'promotion',
      },
      run: {
        name: RUN,
        status: 'Succeeded',
        startedAt: at(0),
        completedAt: at(600),
        metrics: [{ name: 'rmse', value: 0.72, source: 'pipeline' }],
        promotedAt: at(500),
      },
      validationJob: {
        name: 'train-anomaly-detector-1',
        status: 'Succeeded',
        image: IMAGE,
        imageDigest: DIGEST,
        notebookPath:
          'notebooks/02-anomaly-detection/01-isolation-forest-implementation.ipynb',
        gitRef: 'main',
        completedAt: at(300),
      },
      build: {
        name: 'anomaly-detector-notebook-2',
        status: 'Succeeded',
        imageDigest: DIGEST,
        completedAt: at(-60),
      },
      commit: {
        sha: COMMIT,
        message: 'More trees',
        author: 'Ada',
        repository: 'https://github.com/acme/anomaly-detector.git',
        url: `https://github.com/acme/anomaly-detector/commit/${COMMIT}`,
      },
      gaps: [],
    });
  });

  it('serves since the Ready transition when it came after the promotion', () => {
    const lineage = toModelLineage({
      inferenceService: promoted(at(900)),
      run: theRun(),
      validationJobs: [theJob()],
      builds: [theBuild()],
    });
    expect(lineage.serving.servingSince).toBe(at(900));
    expect(lineage.serving.servingSinceFrom).toBe('ready-condition');
  });

  it('says where the chain breaks', () => {
    const unannotated = anInferenceService({
      conditions: [condition('Ready', 'True')],
    });
    expect(
      toModelLineage({
        inferenceService: unannotated,
        validationJobs: [],
        builds: [],
      }).gaps,
    ).toEqual([
      {
        step: 'run',
        reason: expect.stringContaining(
          'has no mlops.dev/served-run annotation',
        ),
      },
    ]);
    expect(
      toModelLineage({
        inferenceService: promoted(),
        validationJobs: [],
        builds: [],
      }).gaps,
    ).toEqual([
      {
        step: 'run',
        reason: `PipelineRun ${RUN} (mlops.dev/served-run) no longer exists`,
      },
    ]);
    const byTag = toModelLineage({
      inferenceService: promoted(),
      run: theRun(),
      validationJobs: [theJob('anomaly-detector-notebook:latest')],
      builds: [theBuild()],
    });
    expect(byTag.validationJob?.name).toBe('train-anomaly-detector-1');
    expect(byTag.build).toBeUndefined();
    expect(byTag.gaps).toEqual([
      {
        step: 'image',
        reason: expect.stringContaining('by tag, not by digest'),
      },
    ]);
    const noRevision = toModelLineage({
      inferenceService: promoted(),
      run: theRun(),
      validationJobs: [theJob()],
      builds: [theBuild(false)],
    });
    expect(noRevision.build?.name).toBe('anomaly-detector-notebook-2');
    expect(noRevision.gaps).toEqual([
      {
        step: 'commit',
        reason:
          'Build anomaly-detector-notebook-2 records no commit (spec.revision.git)',
      },
    ]);
    expect(
      toModelLineage({
        inferenceService: promoted(),
        run: theRun(),
        validationJobs: [theJob()],
        builds: [],
      }).gaps,
    ).toEqual([
      {
        step: 'build',
        reason: `no Build of the model's BuildConfig pushed image ${DIGEST}`,
      },
    ]);
  });
});
