import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { cell, validationJob } from '../../__testUtils__/wireFixtures';
import { ValidationJobsTable } from './ValidationJobsTable';

const failedJob = validationJob({
  name: 'validate-failed',
  phase: 'Failed',
  status: 'Failed',
  durationSeconds: 95,
  errorCategory: 'dependency_install_failed',
  message: 'ModuleNotFoundError: No module named pyod',
  cells: [
    cell({ index: 0 }),
    cell({ index: 1, status: 'Failure', error: 'ModuleNotFoundError: pyod' }),
  ],
  conditions: [
    { type: 'ValidationComplete', status: 'False', reason: 'CellFailed' },
  ],
  build: {
    phase: 'Complete',
    strategy: 's2i',
    buildName: 'validate-failed-build-1',
    durationSeconds: 61,
  },
});

describe('ValidationJobsTable', () => {
  it('shows phase, notebook, duration, cells and outcome; the newest failed job opens with its fix', async () => {
    await renderInTestApp(
      <ValidationJobsTable
        caption="Validation jobs"
        jobs={[failedJob, validationJob({ name: 'validate-ok' })]}
      />,
    );

    const table = screen.getByRole('table', { name: 'Validation jobs' });
    // The first row naming the job is its own; the next one holds its details.
    const [failed] = within(table).getAllByRole('row', {
      name: /validate-failed/,
    });
    expect(within(failed).getByText('Failed')).toBeInTheDocument();
    expect(
      within(failed).getByText('notebooks/02-anomaly-detection/01-train.ipynb'),
    ).toBeInTheDocument();
    expect(within(failed).getByText('1m 35s')).toBeInTheDocument();
    expect(
      within(failed).getByRole('list', {
        name: 'Cell results of validate-failed: 2 cells, 1 failed',
      }),
    ).toBeInTheDocument();
    expect(
      within(failed).getByText('Dependencies could not be installed'),
    ).toBeInTheDocument();

    // Opened at once: the category, the fix, the failing cell, the build.
    expect(
      screen.getByRole('button', { name: 'Hide details of validate-failed' }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('note')).toHaveTextContent(/S2I build/);
    expect(
      screen.getByText('Cell 1: ModuleNotFoundError: pyod'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Complete \(s2i\), validate-failed-build-1, 1m 01s/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/ValidationComplete: CellFailed/),
    ).toBeInTheDocument();

    const ok = within(table).getByRole('row', { name: /validate-ok/ });
    expect(within(ok).getByText('Passed')).toBeInTheDocument();
    expect(
      within(ok).getByRole('button', { name: 'Show details of validate-ok' }),
    ).toHaveAttribute('aria-expanded', 'false');
  });

  it('starts closed when the newest job passed, and expands on demand', async () => {
    await renderInTestApp(
      <ValidationJobsTable
        caption="Validation jobs"
        jobs={[validationJob({ name: 'validate-ok' }), failedJob]}
      />,
    );

    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show details of validate-failed' }),
    );
    expect(screen.getByRole('note')).toHaveTextContent(
      'Dependencies could not be installed',
    );
  });

  it('can leave out the notebook column', async () => {
    await renderInTestApp(
      <ValidationJobsTable
        caption="Validations"
        jobs={[validationJob()]}
        hideNotebook
      />,
    );
    expect(
      screen.queryByRole('columnheader', { name: 'Notebook' }),
    ).not.toBeInTheDocument();
  });
});
