import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RunStatusFilter } from './RunStatusFilter';

describe('RunStatusFilter', () => {
  it('toggles statuses, in display order, and clears them with All', async () => {
    const onChange = jest.fn();
    const { rerender } = await renderInTestApp(
      <RunStatusFilter value={['Failed']} onChange={onChange} />,
    );

    const group = screen.getByRole('group', { name: 'Filter runs by status' });
    expect(
      within(group).getByRole('button', { name: 'Failed' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(within(group).getByRole('button', { name: 'All' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );

    await userEvent.click(
      within(group).getByRole('button', { name: 'Succeeded' }),
    );
    expect(onChange).toHaveBeenLastCalledWith(['Succeeded', 'Failed']);
    await userEvent.click(
      within(group).getByRole('button', { name: 'Failed' }),
    );
    expect(onChange).toHaveBeenLastCalledWith([]);
    await userEvent.click(within(group).getByRole('button', { name: 'All' }));
    expect(onChange).toHaveBeenLastCalledWith([]);
    rerender(<RunStatusFilter value={[]} onChange={onChange} />);
  });
});
