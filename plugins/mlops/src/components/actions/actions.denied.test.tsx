// A file of its own: usePermission caches decisions per permission and entity for
// the whole test file, so a denial must not follow an allowed check of the same kind.
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeMlopsApi } from '../../__testUtils__/fakeMlopsApi';
import { modelEntity } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import {
  page,
  pipelineRun,
  trainingResponse,
} from '../../__testUtils__/wireFixtures';
import { EntityMlopsTrainingContent } from '../EntityMlopsTrainingContent';

const model = modelEntity({
  annotations: {
    'mlops.backstage.io/build-config': 'anomaly-detector-notebook',
  },
});

function training() {
  return trainingResponse({
    pipelineRuns: page([pipelineRun({ name: 'run-1', status: 'Running' })]),
  });
}

jest.setTimeout(30_000);

describe('actions the user may not take', () => {
  it('disables the actions the user may not take, and says why', async () => {
    const api = fakeMlopsApi({ training: training() });
    await renderWithEntity(<EntityMlopsTrainingContent />, {
      entity: model,
      mlopsApi: api,
      deny: ['mlops.training.run', 'mlops.build.start'],
    });
    // Once the allowed action is enabled, the permission decisions are in.
    const cancel = await screen.findByRole(
      'button',
      { name: 'Cancel' },
      { timeout: 15_000 },
    );
    await waitFor(() => expect(cancel).toBeEnabled(), { timeout: 15_000 });
    const run = screen.getByRole('button', { name: 'Run training' });
    expect(run).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Start build' })).toBeDisabled();
    await userEvent.hover(run.parentElement!);
    expect(
      await screen.findByText(
        /You do not have permission to run training \(mlops\.training\.run\)/,
      ),
    ).toBeInTheDocument();
  });
});
