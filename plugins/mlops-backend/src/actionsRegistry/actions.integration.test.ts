import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DevCluster } from '@backstage-mlops/dev-cluster';
import {
  startDevClusterBackend,
  waitUntilFresh,
} from '../__testUtils__/devClusterBackend';

// The mlops actions through Backstage's real actions registry (the HTTP API that the
// MCP plugin and other plugins' actions service call), on the shared dev cluster.

const ACTIONS = '/api/mlops/.backstage/actions/v1/actions';

let cluster: DevCluster;

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
});

function invoke(baseUrl: string, id: string, input: unknown) {
  return fetch(`${baseUrl}${ACTIONS}/${id}/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
}

describe('mlops actions in the actions registry', () => {
  it('lists read-training and read-health as read-only actions, and run-training as one that changes the cluster', async () => {
    const { baseUrl } = await startDevClusterBackend({
      cluster,
      features: [actionsRegistryServiceFactory],
    });
    const res = await fetch(`${baseUrl}${ACTIONS}`);
    expect(res.status).toBe(200);
    const { actions } = await res.json();
    const ids = actions.map((a: { id: string }) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'mlops:read-training',
        'mlops:read-health',
        'mlops:read-model-metrics',
        'mlops:compare-training-runs',
        'mlops:read-model-lineage',
        'mlops:run-training',
      ]),
    );
    const run = actions.find(
      (a: { id: string }) => a.id === 'mlops:run-training',
    );
    expect(run.attributes).toEqual({
      readOnly: false,
      idempotent: false,
      destructive: false,
    });
    for (const action of actions.filter(
      (a: { id: string }) => a.id !== 'mlops:run-training',
    )) {
      expect(action.attributes).toEqual({
        readOnly: true,
        idempotent: true,
        destructive: false,
      });
      expect(action.schema.input.required).toContain('entityRef');
    }
  });

  it('reads training and health of a seeded model', async () => {
    const { baseUrl } = await startDevClusterBackend({
      cluster,
      features: [actionsRegistryServiceFactory],
    });
    await waitUntilFresh(baseUrl, 'anomaly-detector');
    const training = await invoke(baseUrl, 'mlops:read-training', {
      entityRef: 'component:default/forecast-capacity',
      status: ['Failed'],
      limit: 3,
    });
    expect(training.status).toBe(200);
    const { output } = await training.json();
    expect(output.entityRef).toBe('component:default/forecast-capacity');
    expect(output.pipelineRuns.items.length).toBeGreaterThan(0);
    expect(output.pipelineRuns.items.length).toBeLessThanOrEqual(3);
    expect(
      output.pipelineRuns.items.every(
        (r: { status: string }) => r.status === 'Failed',
      ),
    ).toBe(true);
    expect(
      output.validationJobs.items.map(
        (j: { errorCategory?: string }) => j.errorCategory,
      ),
    ).toContain('dependency_install_failed');

    const health = await invoke(baseUrl, 'mlops:read-health', {
      entityRef: 'component:default/predictive-analytics',
    });
    expect(health.status).toBe(200);
    expect((await health.json()).output.inferenceServices[0]).toMatchObject({
      modelState: { state: 'FailedToLoad', target: 'FailedToLoad' },
    });

    const bad = await invoke(baseUrl, 'mlops:read-health', { entity: 'x' });
    expect(bad.status).toBe(400);
  });

  it('reads the lineage of a seeded model: what serves, and why its run is not known', async () => {
    const { baseUrl } = await startDevClusterBackend({
      cluster,
      features: [actionsRegistryServiceFactory],
    });
    await waitUntilFresh(baseUrl, 'anomaly-detector');
    const res = await invoke(baseUrl, 'mlops:read-model-lineage', {
      entityRef: 'component:default/anomaly-detector',
    });
    expect(res.status).toBe(200);
    const { output } = await res.json();
    expect(output).toMatchObject({
      entityRef: 'component:default/anomaly-detector',
      modelName: 'anomaly-detector',
      lineage: {
        serving: { inferenceService: 'anomaly-detector' },
        gaps: [
          {
            step: 'run',
            reason: expect.stringContaining(
              'has no mlops.dev/served-run annotation',
            ),
          },
        ],
      },
    });
    expect(output.lineage.run).toBeUndefined();

    const bad = await invoke(baseUrl, 'mlops:read-model-lineage', {
      entity: 'anomaly-detector',
    });
    expect(bad.status).toBe(400);
  });

  it('reads the model metrics of a seeded model and compares two of its runs', async () => {
    const { baseUrl } = await startDevClusterBackend({
      cluster,
      features: [actionsRegistryServiceFactory],
    });
    await waitUntilFresh(baseUrl, 'anomaly-detector');
    const res = await invoke(baseUrl, 'mlops:read-model-metrics', {
      entityRef: 'component:default/anomaly-detector',
      limit: 10,
    });
    expect(res.status).toBe(200);
    const { output } = await res.json();
    // The seed's training task reports accuracy, f1 and roc_auc in its `metrics`
    // result; the pipeline forwards it.
    expect(output.runs.length).toBeGreaterThanOrEqual(2);
    expect(output.metrics.map((m: { name: string }) => m.name)).toEqual([
      'accuracy',
      'f1',
      'roc_auc',
    ]);
    const accuracy = output.metrics[0];
    expect(accuracy.better).toBe('higher');
    const values = output.runs.map(
      (r: { metrics: Record<string, number> }) => r.metrics.accuracy,
    );
    expect(accuracy.best.value).toBe(Math.max(...values));
    expect(accuracy.latest).toEqual({
      run: output.runs[0].name,
      value: values[0],
    });

    const [a, b] = output.runs;
    const compared = await invoke(baseUrl, 'mlops:compare-training-runs', {
      entityRef: 'component:default/anomaly-detector',
      runs: [a.name, b.name],
    });
    expect(compared.status).toBe(200);
    const comparison = (await compared.json()).output;
    expect(comparison.runs.map((r: { name: string }) => r.name)).toEqual([
      a.name,
      b.name,
    ]);
    const row = comparison.rows.find(
      (r: { group: string; label: string }) =>
        r.group === 'metrics' && r.label === 'accuracy',
    );
    expect(row.values).toEqual([a.metrics.accuracy, b.metrics.accuracy]);
    expect(row.differs).toBe(a.metrics.accuracy !== b.metrics.accuracy);

    const unknown = await invoke(baseUrl, 'mlops:compare-training-runs', {
      entityRef: 'component:default/anomaly-detector',
      runs: [a.name, 'no-such-run'],
    });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toContain('no-such-run');
    const one = await invoke(baseUrl, 'mlops:compare-training-runs', {
      entityRef: 'component:default/anomaly-detector',
      runs: [a.name],
    });
    expect(one.status).toBe(400);
  });

  it('refuses a caller without catalog read access to the entity', async () => {
    const { baseUrl } = await startDevClusterBackend({
      cluster,
      result: AuthorizeResult.DENY,
      features: [actionsRegistryServiceFactory],
    });
    const res = await invoke(baseUrl, 'mlops:read-training', {
      entityRef: 'component:default/anomaly-detector',
    });
    expect(res.status).toBe(403);
  });

  it('starts a training run (dry run first), and refuses a denied caller', async () => {
    // The seeded Pipeline gives these no default, and the model's newest run may be
    // one another suite created without them: give them.
    const required = {
      'notebook-path': 'notebooks/train.ipynb',
      'git-url': 'https://example.com/models.git',
    };
    const { baseUrl } = await startDevClusterBackend({
      cluster,
      features: [actionsRegistryServiceFactory],
    });
    await waitUntilFresh(baseUrl, 'anomaly-detector');
    const dry = await invoke(baseUrl, 'mlops:run-training', {
      entityRef: 'component:default/anomaly-detector',
      params: { ...required, 'data-source': 'synthetic' },
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    const dryOutput = (await dry.json()).output;
    expect(dryOutput.dryRun).toBe(true);
    // A dry run stores nothing: the name it was given does not exist.
    await expect(
      cluster.kubectl([
        'get',
        'pipelinerun',
        dryOutput.pipelineRun || 'none',
        '-n',
        dryOutput.namespace,
      ]),
    ).rejects.toThrow(/NotFound|not found/);
    expect(dryOutput.params).toEqual(
      expect.arrayContaining([
        { name: 'model-name', value: 'anomaly-detector' },
        { name: 'data-source', value: 'synthetic' },
      ]),
    );

    const bad = await invoke(baseUrl, 'mlops:run-training', {
      entityRef: 'component:default/anomaly-detector',
      params: { ...required, 'data-source': 's3' },
      dryRun: true,
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/params\.data-source/);

    const started = await invoke(baseUrl, 'mlops:run-training', {
      entityRef: 'component:default/anomaly-detector',
      params: required,
    });
    expect(started.status).toBe(200);
    const { pipelineRun, namespace } = (await started.json()).output;
    const created = JSON.parse(
      await cluster.kubectl([
        'get',
        'pipelinerun',
        pipelineRun,
        '-n',
        namespace,
        '-o',
        'json',
      ]),
    );
    expect(created.metadata.labels).toMatchObject({
      'model-name': 'anomaly-detector',
      'triggered-by': 'user',
    });

    const denied = await startDevClusterBackend({
      cluster,
      result: AuthorizeResult.DENY,
      features: [actionsRegistryServiceFactory],
    });
    const refused = await invoke(denied.baseUrl, 'mlops:run-training', {
      entityRef: 'component:default/anomaly-detector',
      dryRun: true,
    });
    expect(refused.status).toBe(403);
  });
});
