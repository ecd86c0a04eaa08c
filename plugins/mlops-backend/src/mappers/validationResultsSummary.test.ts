import { parseValidationResultsSummary } from './validationResultsSummary';

/** The operator's results JSON (papermill_helper.go), as a failed dependency run writes it. */
function resultsJson(overrides: Record<string, unknown> = {}) {
  return {
    status: 'failed',
    error:
      'Notebook execution failed due to missing Python dependencies. Consider using a custom image with required packages pre-installed.',
    error_category: 'dependency_install_failed',
    exit_code: 1,
    notebook_path:
      'notebooks/03-self-healing-logic/02-capacity-forecasting.ipynb',
    execution_duration_seconds: 4,
    timestamp: '2026-05-01T10:05:00Z',
    cells: [
      { cell_index: 0, cell_type: 'markdown', execution_count: null },
      {
        cell_index: 1,
        cell_type: 'code',
        execution_count: 1,
        status: 'failed',
        error: "No module named 'xgboost'",
        traceback: ["ModuleNotFoundError: No module named 'xgboost'"],
      },
    ],
    statistics: {
      total_cells: 2,
      code_cells: 1,
      failed_cells: 1,
      success_rate: 0.0,
    },
    ...overrides,
  };
}

const EXPECTED = {
  status: 'failed',
  error:
    'Notebook execution failed due to missing Python dependencies. Consider using a custom image with required packages pre-installed.',
  errorCategory: 'dependency_install_failed',
  exitCode: 1,
  notebookPath: 'notebooks/03-self-healing-logic/02-capacity-forecasting.ipynb',
  executionDurationSeconds: 4,
  timestamp: '2026-05-01T10:05:00Z',
  cells: [
    { index: 0, type: 'markdown' },
    {
      index: 1,
      type: 'code',
      executionCount: 1,
      status: 'failed',
      error: "No module named 'xgboost'",
      traceback: ["ModuleNotFoundError: No module named 'xgboost'"],
    },
  ],
  statistics: { totalCells: 2, codeCells: 1, failedCells: 1, successRate: 0 },
};

/** The validator container's log as the operator's script prints it. */
function operatorLog(json: unknown, options: { after?: string } = {}): string {
  const ts = '[2026-05-01 10:05:00]';
  return [
    '==========================================',
    'Jupyter Notebook Validator - Papermill',
    `${ts} Checking Papermill installation...`,
    `${ts} ✓ Papermill already installed`,
    // the notebook's own output may contain the words
    'Results Summary: 3 anomalies found',
    `${ts} ✗ Notebook execution failed with exit code: 1`,
    `${ts} Error category: dependency_install_failed`,
    `${ts} Results Summary:`,
    JSON.stringify(json, null, 4), // python3 -m json.tool
    ...(options.after ? [options.after] : []),
  ].join('\n');
}

/** The dev cluster simulator's validator log (sim/notebook_summary.go). */
function simulatorLog(json: unknown): string {
  return [
    '[2026-05-01 10:05:00] ✓ Papermill already installed',
    '[2026-05-01 10:05:00] Installing notebook requirements...',
    "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '/home/jovyan/.local'",
    'Error Category: dependency_install_failed',
    'Results Summary:',
    `${JSON.stringify(json, null, 2)}\n`,
  ].join('\n');
}

describe('parseValidationResultsSummary', () => {
  it('reads the block of the operator log, skipping the notebook output', () => {
    expect(parseValidationResultsSummary(operatorLog(resultsJson()))).toEqual(
      EXPECTED,
    );
  });

  it('reads the block of the simulator log', () => {
    expect(parseValidationResultsSummary(simulatorLog(resultsJson()))).toEqual(
      EXPECTED,
    );
  });

  it('stops at the end of the object when a golden notebook summary follows', () => {
    const after =
      '[2026-05-01 10:05:01] Golden Notebook Summary:\n{\n    "cells": [\n        {';
    expect(
      parseValidationResultsSummary(operatorLog(resultsJson(), { after })),
    ).toEqual(EXPECTED);
  });

  it('uses only the last block', () => {
    const log = `${simulatorLog(resultsJson())}\n${simulatorLog(
      resultsJson({
        status: 'succeeded',
        error: 'None',
        error_category: 'none',
        cells: [],
      }),
    )}`;
    expect(parseValidationResultsSummary(log)).toEqual({
      status: 'succeeded',
      errorCategory: 'none',
      exitCode: 1,
      notebookPath: EXPECTED.notebookPath,
      executionDurationSeconds: 4,
      timestamp: EXPECTED.timestamp,
      cells: [],
      statistics: EXPECTED.statistics,
    });
  });

  it('reads a compact block on the marker line and logs with --timestamps', () => {
    expect(
      parseValidationResultsSummary(
        `noise\nResults Summary: ${JSON.stringify(resultsJson())}`,
      ),
    ).toEqual(EXPECTED);
    const stamped = simulatorLog(resultsJson())
      .split('\n')
      .map(line => `2026-05-01T10:05:00.123456789Z ${line}`)
      .join('\n');
    expect(parseValidationResultsSummary(stamped)).toEqual(EXPECTED);
  });

  it('reads the short error block of a failed pip install', () => {
    const json = {
      status: 'failed',
      error: 'Failed to install Papermill due to permission errors. ',
      error_category: 'dependency_install_failed',
      exit_code: 2,
      notebook_path: 'notebooks/x.ipynb',
      timestamp: '2026-05-01T10:05:00Z',
    };
    expect(parseValidationResultsSummary(operatorLog(json))).toEqual({
      status: 'failed',
      error: 'Failed to install Papermill due to permission errors. ',
      errorCategory: 'dependency_install_failed',
      exitCode: 2,
      notebookPath: 'notebooks/x.ipynb',
      timestamp: '2026-05-01T10:05:00Z',
      cells: [],
    });
  });

  it('turns an unknown category into unknown and drops fields of the wrong type', () => {
    const summary = parseValidationResultsSummary(
      simulatorLog({
        status: 'failed',
        error_category: 'quantum_flux',
        exit_code: '1',
        cells: [
          { cell_index: 'zero' },
          { cell_index: 3, traceback: 'single line' },
          7,
        ],
        statistics: 'n/a',
      }),
    );
    expect(summary).toEqual({
      status: 'failed',
      errorCategory: 'unknown',
      cells: [{ index: 3, traceback: ['single line'] }],
    });
  });

  it.each([
    ['no log', undefined],
    ['no marker', 'Executing notebook...\nDone'],
    ['no JSON after the marker', 'Results Summary: all good'],
    [
      'a cut-off block',
      'Results Summary:\n{\n  "status": "failed",\n  "cells": [',
    ],
    [
      'invalid JSON',
      'Results Summary:\n{ "status": "failed", "error": "say "hi"" }',
    ],
    ['a JSON object of another kind', 'Results Summary:\n{ "hello": "world" }'],
    [
      'garbage after a good block',
      `${simulatorLog(resultsJson())}\nResults Summary:\n{ nope }`,
    ],
  ])('gives undefined for %s', (_, log) => {
    expect(parseValidationResultsSummary(log)).toBeUndefined();
  });
});
