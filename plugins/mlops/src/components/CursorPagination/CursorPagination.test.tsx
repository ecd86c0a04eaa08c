import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CursorPagination } from './CursorPagination';

describe('CursorPagination', () => {
  it('says where the page is and pages newer and older', async () => {
    const onNewer = jest.fn();
    const onOlder = jest.fn();
    await renderInTestApp(
      <CursorPagination
        pageIndex={1}
        pageSize={25}
        itemCount={25}
        totalItems={1000}
        noun="runs"
        hasOlder
        onNewer={onNewer}
        onOlder={onOlder}
      />,
    );

    expect(
      screen.getByRole('navigation', { name: 'Pages of runs' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Runs 26–50 of 1,000')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Newer' }));
    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(onNewer).toHaveBeenCalledTimes(1);
    expect(onOlder).toHaveBeenCalledTimes(1);
  });

  it('cannot go newer than the first page nor older than the last', async () => {
    await renderInTestApp(
      <CursorPagination
        pageIndex={0}
        pageSize={25}
        itemCount={3}
        totalItems={3}
        noun="runs"
        hasOlder={false}
        onNewer={jest.fn()}
        onOlder={jest.fn()}
      />,
    );
    expect(screen.getByRole('button', { name: 'Newer' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Older' })).toBeDisabled();
  });
});
