import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { cell, validationJob } from '../../__testUtils__/wireFixtures';
import { ValidationJobDetails } from './ValidationJobDetails';

describe('ValidationJobDetails', () => {
  it('shows what failed first, the retries and the golden notebook differences', async () => {
    await renderInTestApp(
      <ValidationJobDetails
        job={validationJob({
          name: 'validate-golden',
          phase: 'Failed',
          status: 'Failed',
          errorCategory: 'golden_notebook_mismatch',
          message:
            'Validation failed: golden notebook comparison failed (1/2 cells matched)',
          cause: {
            reason: 'GoldenNotebookMismatch',
            message:
              'Validation failed: golden notebook comparison failed (1/2 cells matched)',
          },
          retryCount: 2,
          comparison: {
            strategy: 'normalized',
            result: 'failed',
            totalCells: 2,
            matchedCells: 1,
            mismatchedCells: 1,
            diffs: [
              {
                cellIndex: 1,
                cellType: 'code',
                diffType: 'output_mismatch',
                severity: 'major',
                expected: 'accuracy 0.93',
                actual: 'accuracy 0.71',
              },
            ],
          },
          cells: [
            cell({ index: 0 }),
            cell({
              index: 1,
              status: 'Failure',
              error: 'AssertionError',
              output: 'Traceback (most recent call last):\nAssertionError',
            }),
          ],
        })}
      />,
    );

    expect(screen.getByRole('alert')).toHaveTextContent(
      'GoldenNotebookMismatch: Validation failed: golden notebook comparison failed (1/2 cells matched)',
    );
    // The message is the cause's: not repeated.
    expect(screen.queryByText('Message:')).toBeNull();
    expect(
      screen.getByText(/ran the validation pod 2 more times/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('failed: 1 of 2 cells matched (normalized)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Cell 1: output_mismatch (major)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/expected: accuracy 0\.93\s+actual:\s+accuracy 0\.71/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Traceback \(most recent call last\):\s+AssertionError/),
    ).toBeInTheDocument();
  });
});
