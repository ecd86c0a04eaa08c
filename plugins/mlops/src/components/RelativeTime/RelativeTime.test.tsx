import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { formatAbsoluteTime } from '../../lib/formatRelativeTime';
import { minutesAgo } from '../../__testUtils__/wireFixtures';
import { RelativeTime } from './RelativeTime';

describe('RelativeTime', () => {
  it('shows the time relative to now, absolute on hover', async () => {
    const time = minutesAgo(5);
    await renderInTestApp(<RelativeTime value={time} />);

    const element = screen.getByText('5 minutes ago');
    expect(element.tagName).toBe('TIME');
    expect(element).toHaveAttribute('dateTime', time);
    expect(element).toHaveAttribute('title', formatAbsoluteTime(time));
  });

  it('shows a dash for an unknown time', async () => {
    await renderInTestApp(<RelativeTime />);
    expect(screen.getByText('—')).toBeInTheDocument();
  });
});
