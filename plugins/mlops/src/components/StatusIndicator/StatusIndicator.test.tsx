import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { RunStatusIndicator, StatusIndicator } from './StatusIndicator';

describe('StatusIndicator', () => {
  it('draws the core-components icon of the tone, with its label read out', async () => {
    await renderInTestApp(
      <>
        <StatusIndicator tone="ok">Ready</StatusIndicator>
        <RunStatusIndicator status="TimedOut" />
        <RunStatusIndicator status="Cancelled" />
      </>,
    );

    expect(screen.getByTestId('status-ok')).toBeInTheDocument();
    expect(screen.getByTestId('status-error')).toBeInTheDocument();
    expect(screen.getByTestId('status-aborted')).toBeInTheDocument();
    for (const label of ['Ready', 'Timed out', 'Cancelled']) {
      const text = screen.getByText(label);
      expect(text.closest('[aria-hidden="true"]')).toBeNull();
      expect(text).not.toHaveAttribute('aria-label');
    }
  });
});
