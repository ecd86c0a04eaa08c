import { InputError, NotFoundError } from '@backstage/errors';
import type {
  MlopsClusterClient,
  MlopsLogStreamRequest,
} from '../client/types';
import { mockMlopsClusterClients } from '../testUtils/mockClusterAccess';
import { backendAccess, DevCluster } from './__testUtils__/devClusterSetup';

// streamLog against the dev cluster's seeded pods and builds, as the least-privilege
// backend ServiceAccount (followed, growing logs are tested end to end in
// plugins/mlops-backend/src/logs).

let backend: MlopsClusterClient;

beforeAll(async () => {
  const cluster = await DevCluster.fromJestEnvironment();
  backend = mockMlopsClusterClients(backendAccess(cluster)).forCluster('dev');
});

async function collect(
  request: Omit<MlopsLogStreamRequest, 'onText' | 'onOpen'>,
) {
  let text = '';
  let opened = 0;
  await backend.streamLog({
    ...request,
    onOpen: () => opened++,
    onText: t => {
      text += t;
    },
  });
  return { text, opened };
}

describe('streamLog on the dev cluster', () => {
  it('streams a seeded step log and a build log whole, as readPodLog reads them', async () => {
    const pods = await backend.listObjects({
      resource: { group: '', version: 'v1', plural: 'pods' },
      namespace: 'mlops-demo',
      labelSelector: 'tekton.dev/pipelineTask=train-model',
      limit: 1,
    });
    const pod = pods.items[0];
    const container = (pod.spec as { containers: Array<{ name: string }> })
      .containers[0].name;
    const source = {
      kind: 'pod' as const,
      namespace: 'mlops-demo',
      name: pod.metadata!.name!,
      container,
    };
    const whole = await collect({ source });
    expect(whole.opened).toBe(1);
    expect(whole.text).toBe(
      await backend.readPodLog({
        namespace: source.namespace,
        name: source.name,
        container,
      }),
    );
    const limited = await collect({ source, limitBytes: 7 });
    expect(limited.text).toBe(whole.text.slice(0, 7));

    const build = await collect({
      source: {
        kind: 'build',
        namespace: 'mlops-demo',
        name: 'anomaly-detector-notebook-1',
      },
      follow: true,
    });
    expect(build.text).toContain('Push successful');
  });

  it('maps refusals before any text, and validates its input', async () => {
    let opened = false;
    const missing = backend.streamLog({
      source: { kind: 'pod', namespace: 'mlops-demo', name: 'no-such-pod' },
      onOpen: () => {
        opened = true;
      },
      onText: () => {},
    });
    await expect(missing).rejects.toBeInstanceOf(NotFoundError);
    expect(opened).toBe(false);
    await expect(
      backend.streamLog({
        source: { kind: 'build', namespace: 'Not_A_Namespace', name: 'x' },
        onText: () => {},
      }),
    ).rejects.toBeInstanceOf(InputError);
  });

  it('resolves without error when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      backend.streamLog({
        source: {
          kind: 'build',
          namespace: 'mlops-demo',
          name: 'anomaly-detector-notebook-1',
        },
        follow: true,
        signal: controller.signal,
        onText: () => {},
      }),
    ).resolves.toBeUndefined();
  });
});
