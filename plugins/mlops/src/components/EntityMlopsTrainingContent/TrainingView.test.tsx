import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent, {
  PointerEventsCheckLevel,
} from '@testing-library/user-event';
import type { MlopsTrainingRequest } from '../../api/MlopsApi';
import { MLOPS_ENTITY_CHANGED_CHANNEL } from '@backstage-mlops/plugin-mlops-common';
import { fakeMlopsApi } from '../../__testUtils__/fakeMlopsApi';
import { fakeSignalApi } from '../../__testUtils__/fakeSignalApi';
import { modelEntity } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { responseError } from '../../__testUtils__/responseError';
import {
  build,
  cell,
  notInstalled,
  page,
  pipelineRuns,
  staleCluster,
  trainingResponse,
  validationJob,
} from '../../__testUtils__/wireFixtures';
import { EntityMlopsTrainingContent } from './EntityMlopsTrainingContent';

function render(api = fakeMlopsApi()) {
  renderWithEntity(<EntityMlopsTrainingContent />, {
    entity: modelEntity(),
    mlopsApi: api,
  });
  return api;
}

// Role queries and pointer-events checks over a page of 25 runs take seconds
// in jsdom; the paging tests find their buttons by text instead.
const user = userEvent.setup({
  pointerEventsCheck: PointerEventsCheckLevel.Never,
});
const BUTTON = 'button, [role="button"]';
function button(text: string): HTMLElement {
  return screen
    .getByText(text, { selector: `${BUTTON}, :is(${BUTTON}) *` })
    .closest<HTMLElement>(BUTTON)!;
}

// A backend of 1,000 runs, paginated 25 at a time by a cursor "page-<n>"
// and filtered by status on the "server".
function thousandRuns(request: MlopsTrainingRequest | undefined) {
  const all = pipelineRuns(1000, i =>
    i % 10 === 3 ? { status: 'Failed' } : {},
  );
  const filtered = request?.status?.length
    ? all.filter(r => request.status!.includes(r.status))
    : all;
  const start = request?.cursor ? Number(request.cursor.slice(5)) * 25 : 0;
  const items = filtered.slice(start, start + 25);
  const next =
    start + 25 < filtered.length ? `page-${start / 25 + 1}` : undefined;
  return trainingResponse({
    pipelineRuns: page(items, {
      totalItems: filtered.length,
      nextCursor: next,
    }),
  });
}

describe('Training tab with data', () => {
  it('charts the last runs above a table of one page of them, never all', async () => {
    const api = render(
      fakeMlopsApi({ training: (_, request) => thousandRuns(request) }),
    );

    const caption = await screen.findByText(
      'Training runs of anomaly-detector, newest first',
      { selector: 'caption' },
    );
    const table = caption.closest('table')!;
    // One row per run of the page, no more.
    expect(table.querySelectorAll('tbody tr')).toHaveLength(25);
    expect(within(table).getByText('run-0')).toBeInTheDocument();
    expect(within(table).queryByText('run-25')).not.toBeInTheDocument();
    expect(screen.getByText('Runs 1–25 of 1,000')).toBeInTheDocument();
    expect(
      screen.getByText(/Last 25 runs: 22 succeeded, 3 failed\./),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Duration and outcome of the last 25 runs', {
        selector: 'h3',
      }),
    ).toBeInTheDocument();
    expect(api.getTraining).toHaveBeenCalledTimes(1);
  });

  it('pages older and newer with the cursor the backend gave', async () => {
    const api = render(
      fakeMlopsApi({ training: (_, request) => thousandRuns(request) }),
    );
    await screen.findByText('Runs 1–25 of 1,000');

    await user.click(button('Older'));
    expect(await screen.findByText('Runs 26–50 of 1,000')).toBeInTheDocument();
    expect(screen.getByText('run-25')).toBeInTheDocument();
    expect(api.getTraining).toHaveBeenLastCalledWith(
      'component:default/anomaly-detector',
      { status: [], limit: 25, cursor: 'page-1' },
    );

    await user.click(button('Older'));
    expect(await screen.findByText('Runs 51–75 of 1,000')).toBeInTheDocument();
    expect(api.getTraining).toHaveBeenLastCalledWith(
      'component:default/anomaly-detector',
      { status: [], limit: 25, cursor: 'page-2' },
    );

    await user.click(button('Newer'));
    expect(await screen.findByText('Runs 26–50 of 1,000')).toBeInTheDocument();
    await user.click(button('Newer'));
    expect(await screen.findByText('Runs 1–25 of 1,000')).toBeInTheDocument();
    expect(button('Newer')).toBeDisabled();
    // The chart keeps showing the newest runs while paging.
    expect(
      screen.getByText(/Last 25 runs: 22 succeeded, 3 failed\./),
    ).toBeInTheDocument();
  });

  it('filters by status through the backend, from the first page', async () => {
    const api = render(
      fakeMlopsApi({ training: (_, request) => thousandRuns(request) }),
    );
    await screen.findByText('Runs 1–25 of 1,000');
    await user.click(button('Older'));
    await screen.findByText('Runs 26–50 of 1,000');

    await user.click(button('Failed'));
    expect(await screen.findByText('Runs 1–25 of 100')).toBeInTheDocument();
    expect(api.getTraining).toHaveBeenLastCalledWith(
      'component:default/anomaly-detector',
      { status: ['Failed'], limit: 25 },
    );
    // Every run shown has the status asked for.
    expect(screen.getAllByText('Failed', { selector: 'td *' })).toHaveLength(
      25,
    );

    await user.click(button('All'));
    expect(await screen.findByText('Runs 1–25 of 1,000')).toBeInTheDocument();
  });

  it('says when no run has the chosen status', async () => {
    render(
      fakeMlopsApi({
        training: (_, request) =>
          request?.status?.length
            ? trainingResponse()
            : trainingResponse({ pipelineRuns: page(pipelineRuns(2)) }),
      }),
    );
    await screen.findByText('Runs 1–2 of 2');

    await userEvent.click(screen.getByRole('button', { name: 'Timed out' }));
    expect(
      await screen.findByText('No runs with status TimedOut'),
    ).toBeInTheDocument();
  });

  it('heads the chart and counts the runs by what there is, fewer than a page', async () => {
    render(
      fakeMlopsApi({
        training: trainingResponse({ pipelineRuns: page(pipelineRuns(1)) }),
      }),
    );
    expect(
      await screen.findByText('Duration and outcome of the last run', {
        selector: 'h3',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Pipeline model-training-pipeline, 1 run in all'),
    ).toBeInTheDocument();
  });

  it('reads again on refresh, keeping the data on screen', async () => {
    const api = render(
      fakeMlopsApi({
        training: trainingResponse({ pipelineRuns: page(pipelineRuns(2)) }),
      }),
    );
    await screen.findByText('Runs 1–2 of 2');

    await userEvent.click(
      screen.getByRole('button', { name: 'Refresh training runs' }),
    );
    await waitFor(() => expect(api.getTraining).toHaveBeenCalledTimes(2));
    expect(screen.getByText('run-1')).toBeInTheDocument();
  });

  it('warns above the data when the cluster is unreachable, with the age of the data', async () => {
    render(
      fakeMlopsApi({
        training: trainingResponse({
          freshness: [staleCluster()],
          pipelineRuns: page(pipelineRuns(1)),
        }),
      }),
    );

    expect(
      await screen.findByText(
        'Cluster dev unreachable, showing data from 2 minutes ago.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('run-0')).toBeInTheDocument();
  });

  it('says Tekton is not installed on the cluster, where the runs would be', async () => {
    render(
      fakeMlopsApi({
        training: trainingResponse({ notInstalled: [notInstalled()] }),
      }),
    );

    expect(
      await screen.findByText(
        /Tekton is not installed on cluster dev \(pipelineruns/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Tekton is not installed on cluster dev\. Install Tekton Pipelines/,
      ),
    ).toBeInTheDocument();
  });

  it('shows a clear notice when the user may not read the model', async () => {
    render(fakeMlopsApi({ training: await responseError(403, 'not allowed') }));

    expect(
      await screen.findByText('Info: Permission denied'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: /Training runs/ }),
    ).not.toBeInTheDocument();
    // Where the model trains stays visible to check the annotations.
    expect(screen.getByText('Where training runs')).toBeInTheDocument();
  });

  it('names the unreachable cluster when nothing is cached', async () => {
    render(
      fakeMlopsApi({
        training: await responseError(
          503,
          'cluster dev is unreachable and nothing is cached',
        ),
      }),
    );

    expect(
      await screen.findByText('Error: Cluster unreachable'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/cluster dev is unreachable and nothing is cached/),
    ).toBeInTheDocument();
  });

  it('lists validation jobs with cell grids and the fix of a failure, and builds with their image', async () => {
    render(
      fakeMlopsApi({
        training: trainingResponse({
          validationJobs: page([
            validationJob({
              name: 'validate-failed',
              phase: 'Failed',
              status: 'Failed',
              errorCategory: 'dependency_install_failed',
              cells: [
                cell({ index: 0 }),
                cell({ index: 1, status: 'Failure' }),
              ],
            }),
          ]),
          builds: page([build()]),
        }),
      }),
    );

    const jobs = await screen.findByRole('table', {
      name: 'Notebook validation jobs of anomaly-detector, newest first',
    });
    expect(
      within(jobs).getAllByText('Dependencies could not be installed').length,
    ).toBeGreaterThan(0);
    expect(within(jobs).getByRole('note')).toHaveTextContent(/S2I build/);
    expect(
      within(jobs).getByRole('list', {
        name: /Cell results of validate-failed/,
      }),
    ).toBeInTheDocument();

    const builds = screen.getByRole('table', { name: /Image builds of/ });
    expect(within(builds).getByText('Complete')).toBeInTheDocument();
    expect(within(builds).getByText(/@sha256:4f6d2b8c/)).toBeInTheDocument();
  });
});

describe('Training tab, live', () => {
  const CHANGED = { entityRef: 'component:default/anomaly-detector' };

  function renderLive(api: ReturnType<typeof fakeMlopsApi>) {
    const signals = fakeSignalApi();
    renderWithEntity(<EntityMlopsTrainingContent />, {
      entity: modelEntity(),
      mlopsApi: api,
      signals,
    });
    return signals;
  }

  it('reads the newest page again when a signal says this model changed, not for another model', async () => {
    let version = 0;
    const api = fakeMlopsApi({
      training: () =>
        trainingResponse({
          pipelineRuns: page(
            pipelineRuns(version + 1, i => ({
              name: `run-v${version}-${i}`,
            })),
          ),
        }),
    });
    const signals = renderLive(api);
    expect(await screen.findByText('run-v0-0')).toBeInTheDocument();
    expect(
      screen.getByRole('status', { name: 'Live updates: Live' }),
    ).toBeInTheDocument();

    version = 1;
    act(() => {
      signals.emit(MLOPS_ENTITY_CHANGED_CHANNEL, {
        entityRef: 'component:default/another-model',
      });
    });
    act(() => {
      signals.emit('another:channel', CHANGED);
    });
    expect(api.getTraining).toHaveBeenCalledTimes(1);

    act(() => {
      signals.emit(MLOPS_ENTITY_CHANGED_CHANNEL, CHANGED);
    });
    expect(await screen.findByText('run-v1-1')).toBeInTheDocument();
    expect(api.getTraining).toHaveBeenCalledTimes(2);
  });

  it("does not miss this model's signal when another model's follows it before the next render", async () => {
    let version = 0;
    const api = fakeMlopsApi({
      training: () =>
        trainingResponse({
          pipelineRuns: page(
            pipelineRuns(1, () => ({ name: `run-v${version}` })),
          ),
        }),
    });
    const signals = renderLive(api);
    expect(await screen.findByText('run-v0')).toBeInTheDocument();
    version = 1;
    // Both in one batch: a hook that kept only the last message would miss ours.
    act(() => {
      signals.emit(MLOPS_ENTITY_CHANGED_CHANNEL, CHANGED);
      signals.emit(MLOPS_ENTITY_CHANGED_CHANNEL, {
        entityRef: 'component:default/another-model',
      });
    });
    expect(await screen.findByText('run-v1')).toBeInTheDocument();
  });

  it('does not lose a change that arrives while the first read is under way', async () => {
    let release: () => void = () => {};
    let reads = 0;
    const api = fakeMlopsApi({
      training: () => {
        reads += 1;
        return reads === 1
          ? (new Promise(resolve => {
              release = () =>
                resolve(trainingResponse({ pipelineRuns: page([]) }));
            }) as never)
          : trainingResponse({
              pipelineRuns: page(pipelineRuns(1, () => ({ name: 'run-new' }))),
            });
      },
    });
    const signals = renderLive(api);
    await waitFor(() => expect(signals.subscribers()).toBeGreaterThan(0));
    act(() => {
      signals.emit(MLOPS_ENTITY_CHANGED_CHANNEL, CHANGED);
    });
    release();
    expect(await screen.findByText('run-new')).toBeInTheDocument();
  });

  it('says "Not live" when the app has no signal API, and unsubscribes when the tab closes', async () => {
    const { unmount } = await renderWithEntity(<EntityMlopsTrainingContent />, {
      entity: modelEntity(),
      mlopsApi: fakeMlopsApi(),
    });
    expect(
      await screen.findByRole('status', { name: 'Live updates: Not live' }),
    ).toBeInTheDocument();
    unmount();

    const signals = fakeSignalApi();
    const live = await renderWithEntity(<EntityMlopsTrainingContent />, {
      entity: modelEntity(),
      mlopsApi: fakeMlopsApi(),
      signals,
    });
    await waitFor(() => expect(signals.subscribers()).toBeGreaterThan(0));
    live.unmount();
    expect(signals.subscribers()).toBe(0);
  });
});

describe('Training tab with model metrics', () => {
  // Three runs that reported metrics (run-1 the best accuracy), one that did not.
  const runs = pipelineRuns(4, i =>
    i === 3
      ? {}
      : {
          params: [
            { name: 'data-source', value: i === 1 ? 'hybrid' : 'synthetic' },
          ],
          metrics: [
            {
              name: 'accuracy',
              value: [0.88, 0.93, 0.9][i],
              source: 'pipeline',
            },
          ],
        },
  );

  it('shows a metric column, a trend chart, and compares the runs picked', async () => {
    render(
      fakeMlopsApi({
        training: () => trainingResponse({ pipelineRuns: page(runs) }),
      }),
    );
    const caption = await screen.findByText(
      'Training runs of anomaly-detector, newest first',
      { selector: 'caption' },
    );
    const table = caption.closest('table')!;
    expect(
      within(table).getByRole('columnheader', { name: 'accuracy' }),
    ).toBeInTheDocument();
    expect(within(table).getByText('0.93')).toBeInTheDocument();
    expect(
      screen.getByText(
        'accuracy in 3 runs: latest 0.88, best 0.93 (higher is better), worst 0.88.',
      ),
    ).toBeInTheDocument();

    await user.click(
      within(table).getByRole('checkbox', { name: 'Compare run-0' }),
    );
    expect(
      screen.getByText('run-0 picked: pick one more run to compare.'),
    ).toBeInTheDocument();
    await user.click(
      within(table).getByRole('checkbox', { name: 'Compare run-1' }),
    );
    const compared = screen.getByRole('table', { name: 'Compared runs' });
    expect(
      within(compared).getByRole('row', { name: /^accuracy/ }),
    ).toHaveTextContent('accuracydiffers0.880.93best');
    expect(
      within(compared).getByRole('row', { name: /^data-source/ }),
    ).toHaveTextContent('data-sourcedifferssynthetichybrid');

    // Up to four runs can be picked.
    await user.click(
      within(table).getByRole('checkbox', { name: 'Compare run-2' }),
    );
    await user.click(
      within(table).getByRole('checkbox', { name: 'Compare run-3' }),
    );
    expect(
      within(table).getByRole('checkbox', { name: 'Compare run-3' }),
    ).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(
      screen.queryByRole('table', { name: 'Compared runs' }),
    ).not.toBeInTheDocument();
  });
});
