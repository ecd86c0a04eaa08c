import type { MlopsCellResult } from '@backstage-mlops/plugin-mlops-common';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { toneColor } from '../../lib/chartColors';
import { formatDuration } from '../../lib/formatDuration';
import type { StatusTone } from '../../lib/statusTone';

const useStyles = makeStyles(theme => ({
  grid: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: 3,
    maxWidth: 14 * 24,
  },
  cell: {
    width: 11,
    height: 11,
    borderRadius: 2,
    border: `1px solid ${theme.palette.divider}`,
  },
}));

const TONES: Record<MlopsCellResult['status'], StatusTone> = {
  Success: 'ok',
  Failure: 'error',
  Skipped: 'aborted',
  Unknown: 'warning',
};

/**
 * One cell's result in words, e.g. `Cell 3: Failure, 1.2s, NameError: x`.
 *
 * @internal
 */
export function describeCell(cell: MlopsCellResult): string {
  const parts = [`Cell ${cell.index}: ${cell.status}`];
  if (cell.durationSeconds !== undefined) {
    parts.push(
      cell.durationSeconds < 10
        ? `${cell.durationSeconds.toFixed(1)}s`
        : formatDuration(cell.durationSeconds),
    );
  }
  if (cell.error) {
    parts.push(cell.error);
  }
  return parts.join(', ');
}

/**
 * Props of {@link CellResultsGrid}.
 *
 * @internal
 */
export interface CellResultsGridProps {
  cells: MlopsCellResult[];
  /** The job the cells belong to, for the list's label. */
  jobName: string;
}

/**
 * A notebook's per-cell results as a compact grid of small coloured squares
 * (green success, red failure, grey skipped), each with its index, status, time
 * and error in a tooltip and in its accessible name.
 *
 * @internal
 */
export function CellResultsGrid(props: CellResultsGridProps) {
  const classes = useStyles();
  const theme = useTheme();
  if (props.cells.length === 0) {
    return <Typography variant="body2">no cell results</Typography>;
  }
  const failed = props.cells.filter(c => c.status === 'Failure').length;
  return (
    <ul
      className={classes.grid}
      aria-label={`Cell results of ${props.jobName}: ${
        props.cells.length
      } cells${failed ? `, ${failed} failed` : ''}`}
    >
      {props.cells.map(cell => {
        const text = describeCell(cell);
        return (
          <Tooltip key={cell.index} title={text} arrow>
            <li
              className={classes.cell}
              aria-label={text}
              style={{ backgroundColor: toneColor(theme, TONES[cell.status]) }}
            />
          </Tooltip>
        );
      })}
    </ul>
  );
}
