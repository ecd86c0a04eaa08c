import {
  openshiftApi,
  openshiftBuilder,
  openshiftControllerManager,
} from './sources';
import { at, NAMESPACE } from './tektonObjects';
import type { BuildFixture } from './types';

// OpenShift build/v1 Builds as the build controller (openshift-controller-manager) and
// the builder image (openshift/builder) write them: phase, reason, message, times,
// duration in nanoseconds, the output image, stages, and for a failed build the last
// lines of its log in logSnippet. This controller writes no conditions.

const TYPES = openshiftApi('build/v1/types.go');
const CONSTS = openshiftApi('build/v1/consts.go');
const CONTROLLER = openshiftControllerManager(
  'pkg/build/controller/build/build_controller.go',
);
const BUILDER_CONSTS = openshiftBuilder(
  'pkg/build/builder/util/consts.go',
  '159dca4c6f45663cdec4094137f68e15017e0100',
);
const BUILDER_DOCKER = openshiftBuilder(
  'pkg/build/builder/docker.go',
  '6be241c65686fc406755506184a6a2daaed92748',
);

const BC = 'anomaly-detector-notebook';

function build(number: number, status: Record<string, unknown>) {
  const name = `${BC}-${number}`;
  return {
    apiVersion: 'build.openshift.io/v1',
    kind: 'Build',
    metadata: {
      name,
      namespace: NAMESPACE,
      uid: `uid-${name}`,
      resourceVersion: '91',
      creationTimestamp: at(0),
      labels: {
        buildconfig: BC,
        'openshift.io/build-config.name': BC,
        'openshift.io/build.start-policy': 'Serial',
      },
      annotations: {
        'openshift.io/build-config.name': BC,
        'openshift.io/build.number': String(number),
        'openshift.io/build.pod-name': `${name}-build`,
      },
    },
    spec: {
      strategy: {
        type: 'Docker',
        dockerStrategy: { dockerfilePath: 'Dockerfile' },
      },
      output: { to: { kind: 'ImageStreamTag', name: `${BC}:latest` } },
    },
    status: {
      config: { kind: 'BuildConfig', namespace: NAMESPACE, name: BC },
      outputDockerImageReference: `image-registry.openshift-image-registry.svc:5000/${NAMESPACE}/${BC}:latest`,
      ...status,
    },
  };
}

function stage(name: string, start: number, ms: number) {
  return { name, startTime: at(start), durationMilliseconds: ms };
}

/** The Build cases of the corpus. */
export const buildFixtures: BuildFixture[] = [
  {
    kind: 'Build',
    id: 'build-complete',
    title: 'The build pushed its image',
    sources: [TYPES, CONTROLLER],
    object: build(4, {
      phase: 'Complete',
      startTimestamp: at(2),
      completionTimestamp: at(182),
      duration: 180_000_000_000,
      output: {
        to: {
          imageDigest:
            'sha256:4b825dc642cb6eb9a060e54bf8d69288fbee4904a1d64bb9ad5b2c0d6d5e7a21',
        },
      },
      stages: [
        stage('FetchInputs', 2, 1800),
        stage('PullImages', 4, 14000),
        stage('Build', 18, 150000),
        stage('PushImage', 168, 13000),
      ],
    }),
    expect: { status: 'Succeeded', stages: 4 },
  },
  {
    kind: 'Build',
    id: 'build-docker-failed',
    title:
      'The Docker build failed: DockerBuildFailed, and the controller keeps the log tail in logSnippet',
    sources: [CONSTS, CONTROLLER, BUILDER_CONSTS, BUILDER_DOCKER],
    object: build(3, {
      phase: 'Failed',
      reason: 'DockerBuildFailed',
      message: 'Docker build strategy has failed.',
      startTimestamp: at(2),
      completionTimestamp: at(95),
      duration: 93_000_000_000,
      logSnippet:
        'ERROR: Could not find a version that satisfies the requirement xgboost==9.9.9\nerror: build error: building at STEP "RUN pip install -r requirements.txt": exit status 1',
      stages: [stage('FetchInputs', 2, 1500), stage('Build', 4, 90000)],
    }),
    expect: {
      status: 'Failed',
      reason: 'DockerBuildFailed',
      logSnippet: /xgboost==9\.9\.9/,
      stages: 2,
    },
  },
  {
    kind: 'Build',
    id: 'build-generic-failure',
    title:
      'The build pod failed without the builder saying why: GenericBuildFailed',
    sources: [CONTROLLER, CONSTS],
    object: build(5, {
      phase: 'Failed',
      reason: 'GenericBuildFailed',
      message: 'Generic Build failure - check logs for details.',
      startTimestamp: at(2),
      completionTimestamp: at(40),
      duration: 38_000_000_000,
    }),
    expect: { status: 'Failed', reason: 'GenericBuildFailed' },
  },
  {
    kind: 'Build',
    id: 'build-out-of-memory',
    title: 'The build pod was OOM-killed',
    sources: [CONTROLLER, CONSTS],
    object: build(6, {
      phase: 'Failed',
      reason: 'OutOfMemoryKilled',
      message: 'The build pod was killed due to an out of memory condition.',
      startTimestamp: at(2),
      completionTimestamp: at(400),
      duration: 398_000_000_000,
    }),
    expect: { status: 'Failed', reason: 'OutOfMemoryKilled' },
  },
  {
    kind: 'Build',
    id: 'build-error-failed-container',
    title:
      'The pod succeeded but a container exited non-zero: phase Error, FailedContainer',
    sources: [CONTROLLER, CONSTS],
    object: build(7, {
      phase: 'Error',
      reason: 'FailedContainer',
      message:
        'The pod for this build has at least one container with a non-zero exit status.',
      startTimestamp: at(2),
      completionTimestamp: at(60),
    }),
    expect: { status: 'Failed', reason: 'FailedContainer' },
  },
  {
    kind: 'Build',
    id: 'build-fetch-source-failed',
    title: 'The source could not be fetched: FetchSourceFailed',
    sources: [CONSTS, BUILDER_CONSTS],
    object: build(8, {
      phase: 'Failed',
      reason: 'FetchSourceFailed',
      message: 'Failed to fetch the input source.',
      startTimestamp: at(2),
      completionTimestamp: at(9),
      logSnippet:
        'Cloning "https://github.com/backstage-mlops/demo-models.git" ...\nerror: failed to fetch requested repository "https://github.com/backstage-mlops/demo-models.git" with provided credentials',
    }),
    expect: {
      status: 'Failed',
      reason: 'FetchSourceFailed',
      logSnippet: /failed to fetch requested repository/,
    },
  },
  {
    kind: 'Build',
    id: 'build-cancelled',
    title: 'The build was cancelled',
    sources: [CONTROLLER, TYPES],
    object: build(9, {
      phase: 'Cancelled',
      cancelled: true,
      reason: 'CancelledBuild',
      message: 'The build was cancelled by the user.',
      startTimestamp: at(2),
      completionTimestamp: at(30),
    }),
    expect: { status: 'Cancelled', reason: 'CancelledBuild' },
  },
  {
    kind: 'Build',
    id: 'build-cancel-requested',
    title:
      'A cancel was asked for (status.cancelled) and the build has not stopped yet',
    sources: [TYPES, CONTROLLER],
    object: build(10, {
      phase: 'Running',
      cancelled: true,
      startTimestamp: at(2),
    }),
    expect: { status: 'Cancelling' },
  },
  {
    kind: 'Build',
    id: 'build-pending-missing-secret',
    title:
      'The build waits for its push secret: Pending with MissingPushSecret',
    sources: [CONTROLLER, CONSTS],
    object: build(11, {
      phase: 'Pending',
      reason: 'MissingPushSecret',
      message: 'Missing push secret.',
    }),
    expect: { status: 'Pending', reason: 'MissingPushSecret' },
  },
  {
    kind: 'Build',
    id: 'build-running',
    title: 'The build runs',
    sources: [CONTROLLER],
    object: build(12, { phase: 'Running', startTimestamp: at(2) }),
    expect: { status: 'Running' },
  },
  {
    kind: 'Build',
    id: 'build-new',
    title: 'Just created: phase New',
    sources: [TYPES],
    object: build(13, { phase: 'New' }),
    expect: { status: 'Pending' },
  },
];
