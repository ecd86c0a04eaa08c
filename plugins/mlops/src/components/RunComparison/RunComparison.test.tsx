import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { pipelineRun } from '../../__testUtils__/wireFixtures';
import { RunComparison } from './RunComparison';

describe('RunComparison', () => {
  it('shows runs side by side, marking what differs and the best metric', async () => {
    const onRemove = jest.fn();
    const runs = [
      pipelineRun({
        name: 'run-a',
        params: [{ name: 'data-source', value: 'synthetic' }],
        metrics: [{ name: 'accuracy', value: 0.91, source: 'pipeline' }],
      }),
      pipelineRun({
        name: 'run-b',
        params: [{ name: 'data-source', value: 'synthetic' }],
        metrics: [{ name: 'accuracy', value: 0.86, source: 'pipeline' }],
      }),
    ];
    await renderInTestApp(<RunComparison runs={runs} onRemove={onRemove} />);
    const table = screen.getByRole('table', { name: 'Compared runs' });
    const accuracy = within(table).getByRole('row', { name: /^accuracy/ });
    expect(accuracy).toHaveTextContent('accuracydiffers0.91best0.86');
    const source = within(table).getByRole('row', { name: /^data-source/ });
    expect(within(source).queryByText('differs')).not.toBeInTheDocument();
    expect(
      screen.getByText(/2 runs side by side; 1 of \d+ rows differ/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove run-b from the comparison' }),
    );
    expect(onRemove).toHaveBeenCalledWith(runs[1]);
  });
});
