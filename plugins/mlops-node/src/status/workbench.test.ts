import { toSlimMlopsObject } from '../kinds/toSlimMlopsObject';
import { workbenchFixtures } from './corpus';
import { readWorkbench } from './workbench';

/** The expected message, when the corpus states one. */
function messageMatching(message: RegExp | undefined) {
  return message ? { message: expect.stringMatching(message) } : {};
}

describe('the workbench vocabulary over the corpus', () => {
  it.each(workbenchFixtures.map(f => [f.id, f] as const))(
    '%s',
    (_id, fixture) => {
      const notebook = toSlimMlopsObject('notebooks', fixture.object);
      if (!notebook) throw new Error('the fixture has no valid metadata');
      const reading = readWorkbench(notebook);
      expect(reading).toEqual(
        expect.objectContaining({
          state: fixture.expect.state,
          gpu: 1,
          ...messageMatching(fixture.expect.message),
        }),
      );
    },
  );
});

describe('the workbench vocabulary', () => {
  const base = toSlimMlopsObject(
    'notebooks',
    workbenchFixtures.find(f => f.id === 'workbench-no-status')!.object,
  )!;

  it('reads the pod conditions newer controllers copy: an unschedulable pod is starting, with the reason', () => {
    expect(
      readWorkbench({
        ...base,
        status: {
          readyReplicas: 0,
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message:
                '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.',
            },
          ],
        },
      }),
    ).toEqual(
      expect.objectContaining({
        state: 'Starting',
        message:
          'Unschedulable: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu.',
      }),
    );
  });

  it('reads the controller lock as starting and a stopped workbench with a ready replica as stopping', () => {
    expect(
      readWorkbench({
        ...base,
        metadata: {
          ...base.metadata,
          annotations: {
            'kubeflow-resource-stopped': 'odh-notebook-controller-lock',
          },
        },
      }).state,
    ).toBe('Starting');
    expect(
      readWorkbench({
        ...base,
        metadata: {
          ...base.metadata,
          annotations: { 'kubeflow-resource-stopped': '2026-05-01T09:00:00Z' },
        },
        status: { readyReplicas: 1 },
      }).state,
    ).toBe('Stopping');
  });

  it('gives the time a workbench was stopped, and no time for a stop annotation that is not one', () => {
    const stopped = (value: string) =>
      readWorkbench({
        ...base,
        metadata: {
          ...base.metadata,
          annotations: { 'kubeflow-resource-stopped': value },
        },
        status: { readyReplicas: 0 },
      });
    expect(stopped('2026-05-01T09:00:00Z')).toEqual(
      expect.objectContaining({
        state: 'Stopped',
        stoppedAt: '2026-05-01T09:00:00Z',
      }),
    );
    expect(stopped('true')).not.toHaveProperty('stoppedAt');
  });

  it('reads a terminated workbench container as Failed with its exit code', () => {
    expect(
      readWorkbench({
        ...base,
        status: {
          readyReplicas: 0,
          containerState: { terminated: { exitCode: 2 } },
        },
      }),
    ).toEqual(
      expect.objectContaining({ state: 'Failed', message: 'Exit code 2' }),
    );
  });
});
