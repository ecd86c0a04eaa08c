import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { DevCluster } from '../DevCluster';
import { rawRequest, waitFor } from './helpers';

// The seeded demo data and the simulated platform controllers, as the backend sees
// them: a PipelineRun the backend creates is driven to Succeeded with TaskRuns and
// step logs; a BuildConfig instantiated through the shim yields a Build that completes.

const namespace = 'mlops-demo';
const tekton = { group: 'tekton.dev', version: 'v1', namespace };
let backendKc: KubeConfig;
let backend: CustomObjectsApi;

interface K8sObject {
  metadata: {
    name: string;
    labels?: Record<string, string>;
    creationTimestamp?: string;
  };
  spec?: Record<string, any>;
  status?: Record<string, any>;
}

const condition = (o: K8sObject, type: string) =>
  (o.status?.conditions ?? []).find((c: { type: string }) => c.type === type);

beforeAll(async () => {
  const cluster = await DevCluster.fromJestEnvironment();
  backendKc = cluster.kubeConfig('backend');
  backend = backendKc.makeApiClient(CustomObjectsApi);
});

describe('seeded demo data', () => {
  it('is listed by kubectl (get pipelineruns -A)', async () => {
    const cluster = await DevCluster.fromJestEnvironment();
    const out = await cluster.kubectl([
      'get',
      'pipelineruns',
      '-A',
      '--no-headers',
    ]);
    const lines = out.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(40);
    expect(
      lines.filter(l => l.startsWith('mlops-demo ')).length,
    ).toBeGreaterThanOrEqual(30);
    expect(out).toMatch(
      /train-anomaly-detector-\S+\s+(True|False)\s+(Succeeded|Failed)/,
    );
  });

  it('has the training history of the three demo models', async () => {
    const runs = await backend.listNamespacedCustomObject({
      ...tekton,
      plural: 'pipelineruns',
      labelSelector: 'model-name',
    });
    const byModel = new Map<string, number>();
    for (const run of runs.items as K8sObject[]) {
      const model = run.metadata.labels!['model-name'];
      byModel.set(model, (byModel.get(model) ?? 0) + 1);
    }
    for (const model of [
      'anomaly-detector',
      'predictive-analytics',
      'forecast-capacity',
    ]) {
      expect(byModel.get(model)).toBeGreaterThanOrEqual(10);
    }
  });

  it('dates the serving state no earlier than each InferenceService itself', async () => {
    const isvcs = (
      await backend.listNamespacedCustomObject({
        group: 'serving.kserve.io',
        version: 'v1beta1',
        namespace,
        plural: 'inferenceservices',
      })
    ).items as K8sObject[];
    expect(isvcs.length).toBeGreaterThanOrEqual(3);
    const older = isvcs.flatMap(isvc => {
      const created = Date.parse(isvc.metadata.creationTimestamp!);
      const times: Array<[string, string | undefined]> = [
        ...(isvc.status?.conditions ?? []).map(
          (c: { type: string; lastTransitionTime?: string }) =>
            [c.type, c.lastTransitionTime] as [string, string | undefined],
        ),
        [
          'lastFailureInfo',
          isvc.status?.modelStatus?.lastFailureInfo?.time as string | undefined,
        ],
      ];
      return times
        .filter(([, at]) => at !== undefined && Date.parse(at) < created)
        .map(([what, at]) => `${isvc.metadata.name} ${what} ${at}`);
    });
    expect(older).toEqual([]);
    expect(
      isvcs.every(isvc => (isvc.status?.conditions ?? []).length > 0),
    ).toBe(true);
  });

  it('has the failure shapes the demo shows', async () => {
    const isvc = (await backend.getNamespacedCustomObject({
      group: 'serving.kserve.io',
      version: 'v1beta1',
      namespace,
      plural: 'inferenceservices',
      name: 'predictive-analytics',
    })) as K8sObject;
    // As KServe writes a failed load: in the target state, with the model
    // server's last log lines (FallbackToLogsOnError) as the message.
    expect(isvc.status?.modelStatus?.states).toEqual({
      activeModelState: '',
      targetModelState: 'FailedToLoad',
    });
    expect(isvc.status?.modelStatus?.transitionStatus).toBe(
      'BlockedByFailedLoad',
    );
    expect(isvc.status?.modelStatus?.lastFailureInfo?.reason).toBe(
      'ModelLoadFailed',
    );
    expect(isvc.status?.modelStatus?.lastFailureInfo?.message).toContain(
      'kserve.errors.ModelMissingError',
    );

    const nvjs = await backend.listNamespacedCustomObject({
      group: 'mlops.mlops.dev',
      version: 'v1alpha1',
      namespace,
      plural: 'notebookvalidationjobs',
      labelSelector: 'model-name=forecast-capacity',
    });
    // As the operator fails a job whose pod keeps failing: three retries, the
    // error it found in the log in the message, no per-cell results.
    const failed = (nvjs.items as K8sObject[]).filter(
      j => j.status?.phase === 'Failed',
    );
    const [buildFailed, ...podFailed] = [
      ...failed.filter(j => j.status?.buildStatus?.phase === 'Failed'),
      ...failed.filter(j => j.status?.buildStatus?.phase !== 'Failed'),
    ];
    // A failed image build only moves the phase: the build status says why;
    // no job message, no completion time.
    expect(buildFailed.metadata.name).toBe('forecast-capacity-validation-s2i');
    expect(buildFailed.status?.buildStatus?.message).toMatch(
      /DockerBuildFailed/,
    );
    expect(buildFailed.status?.message).toBeUndefined();
    expect(buildFailed.status?.completionTime).toBeUndefined();
    expect(podFailed.length).toBeGreaterThan(0);
    for (const job of podFailed) {
      expect(job.status?.retryCount).toBe(3);
      expect(job.status?.message).toMatch(
        /^Validation failed after 3 retries: .*ModuleNotFoundError/s,
      );
      expect(job.status?.results).toBeUndefined();
      expect(condition(job, 'ValidationComplete')).toMatchObject({
        status: 'False',
        reason: 'PodFailed',
      });
    }
  });
});

describe('simulated controllers', () => {
  it('drive a PipelineRun the backend creates to Succeeded, with TaskRuns and step logs', async () => {
    const created = (await backend.createNamespacedCustomObject({
      ...tekton,
      plural: 'pipelineruns',
      body: {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: {
          generateName: 'train-anomaly-detector-',
          labels: { 'model-name': 'anomaly-detector' },
        },
        spec: {
          pipelineRef: { name: 'model-training-pipeline' },
          params: [
            { name: 'model-name', value: 'anomaly-detector' },
            {
              name: 'notebook-path',
              value:
                'notebooks/02-anomaly-detection/01-isolation-forest-implementation.ipynb',
            },
            { name: 'data-source', value: 'synthetic' },
            { name: 'inference-service-name', value: 'anomaly-detector' },
            { name: 'health-check-enabled', value: 'true' },
          ],
          workspaces: [
            {
              name: 'model-storage',
              persistentVolumeClaim: { claimName: 'model-storage-pvc' },
            },
          ],
          timeouts: { pipeline: '1h0m0s' },
        },
      },
    })) as K8sObject;
    const name = created.metadata.name;

    const done = await waitFor(
      async () => {
        const run = (await backend.getNamespacedCustomObject({
          ...tekton,
          plural: 'pipelineruns',
          name,
        })) as K8sObject;
        const succeeded = condition(run, 'Succeeded');
        return succeeded && succeeded.status !== 'Unknown' ? run : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(condition(done, 'Succeeded')).toMatchObject({
      status: 'True',
      reason: 'Succeeded',
    });
    expect(done.status?.completionTime).toBeDefined();

    const taskRuns = (
      await backend.listNamespacedCustomObject({
        ...tekton,
        plural: 'taskruns',
        labelSelector: `tekton.dev/pipelineRun=${name}`,
      })
    ).items as K8sObject[];
    expect(
      taskRuns.map(t => t.metadata.labels!['tekton.dev/pipelineTask']).sort(),
    ).toEqual([
      'deploy-model',
      'health-check',
      'post-deployment-check',
      'publish-model-card',
      'report-training-result',
      'train-model',
    ]);
    // The finally task runs after the DAG and is listed last.
    const children = (done.status?.childReferences ?? []) as Array<{
      pipelineTaskName: string;
    }>;
    expect(children[children.length - 1].pipelineTaskName).toBe(
      'report-training-result',
    );
    expect(done.status?.finallyStartTime).toBeDefined();

    const train = taskRuns.find(
      t => t.metadata.labels!['tekton.dev/pipelineTask'] === 'train-model',
    )!;
    const step = train.status!.steps[0].name;
    const log = await rawRequest(
      backendKc,
      'GET',
      `/api/v1/namespaces/${namespace}/pods/${
        train.status!.podName
      }/log?container=step-${step}`,
    );
    expect(log.status).toBe(200);
    expect(log.text.length).toBeGreaterThan(0);
  });

  it('instantiate through the shim creates a Build that the build controller completes', async () => {
    const res = await rawRequest(
      backendKc,
      'POST',
      `/apis/build.openshift.io/v1/namespaces/${namespace}/buildconfigs/anomaly-detector-notebook/instantiate`,
      {
        kind: 'BuildRequest',
        apiVersion: 'build.openshift.io/v1',
        metadata: { name: 'anomaly-detector-notebook' },
      },
    );
    expect(res.status).toBe(201);
    const build = JSON.parse(res.text) as K8sObject;
    expect(build.metadata.labels!['openshift.io/build-config.name']).toBe(
      'anomaly-detector-notebook',
    );

    const complete = await waitFor(
      async () => {
        const b = (await backend.getNamespacedCustomObject({
          group: 'build.openshift.io',
          version: 'v1',
          namespace,
          plural: 'builds',
          name: build.metadata.name,
        })) as K8sObject;
        return ['Complete', 'Failed', 'Error'].includes(b.status?.phase)
          ? b
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(complete.status?.phase).toBe('Complete');
    expect(complete.status?.outputDockerImageReference).toContain(
      'anomaly-detector-notebook',
    );
  });
});
