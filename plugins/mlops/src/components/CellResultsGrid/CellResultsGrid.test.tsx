import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { cell } from '../../__testUtils__/wireFixtures';
import { CellResultsGrid, describeCell } from './CellResultsGrid';

describe('CellResultsGrid', () => {
  it('draws one square per cell, each named with its result', async () => {
    await renderInTestApp(
      <CellResultsGrid
        jobName="validate-x1"
        cells={[
          cell({ index: 0 }),
          cell({
            index: 1,
            status: 'Failure',
            durationSeconds: 0.25,
            error: "NameError: name 'df' is not defined",
          }),
          cell({ index: 2, status: 'Skipped', durationSeconds: undefined }),
        ]}
      />,
    );

    const grid = screen.getByRole('list', {
      name: 'Cell results of validate-x1: 3 cells, 1 failed',
    });
    expect(
      within(grid)
        .getAllByRole('listitem')
        .map(li => li.getAttribute('aria-label')),
    ).toEqual([
      'Cell 0: Success, 1.5s',
      "Cell 1: Failure, 0.3s, NameError: name 'df' is not defined",
      'Cell 2: Skipped',
    ]);
  });

  it('shows the cell index, status, time and error in a tooltip on hover', async () => {
    await renderInTestApp(
      <CellResultsGrid
        jobName="validate-x1"
        cells={[
          cell({
            index: 7,
            status: 'Failure',
            durationSeconds: 42,
            error: 'ZeroDivisionError',
          }),
        ]}
      />,
    );

    await userEvent.hover(screen.getByRole('listitem'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Cell 7: Failure, 42s, ZeroDivisionError',
    );
  });

  it('says when there are no cell results', async () => {
    await renderInTestApp(<CellResultsGrid jobName="x" cells={[]} />);
    expect(screen.getByText('no cell results')).toBeInTheDocument();
  });

  it('words long durations', () => {
    expect(describeCell(cell({ index: 3, durationSeconds: 125 }))).toBe(
      'Cell 3: Success, 2m 05s',
    );
  });
});
