import type { MlopsPipelineRunSummary } from '@backstage-mlops/plugin-mlops-common';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Fragment } from 'react';
import { compareRuns } from '../../lib/compareRuns';
import { RunStatusIndicator } from '../StatusIndicator';
import { WholeWordTable } from '../WholeWordTable';

const useStyles = makeStyles(theme => ({
  scroller: { overflowX: 'auto' },
  group: {
    backgroundColor: theme.palette.background.default,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  differs: {
    borderLeft: `4px solid ${theme.palette.warning.main}`,
  },
  label: { whiteSpace: 'nowrap' },
  mark: { display: 'block', fontStyle: 'italic' },
  value: {
    fontFamily: 'monospace',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
  },
  best: { fontWeight: theme.typography.fontWeightBold as number },
}));

/**
 * Props of {@link RunComparison}.
 *
 * @internal
 */
export interface RunComparisonProps {
  /** 2 to 4 runs, in the order to show them. */
  runs: MlopsPipelineRunSummary[];
  /** Takes a run out of the comparison. */
  onRemove: (run: MlopsPipelineRunSummary) => void;
}

/**
 * Runs side by side: status and duration, every model metric (the best value
 * marked), every param and the images their steps ran. A row whose values differ is
 * marked with a bar and the word "differs".
 *
 * @internal
 */
export function RunComparison(props: RunComparisonProps) {
  const classes = useStyles();
  const { runs } = props;
  const rows = compareRuns(runs);
  const groups = [...new Set(rows.map(r => r.group))];
  const differing = rows.filter(r => r.differs).length;
  return (
    <div className={classes.scroller}>
      <Typography variant="body2" gutterBottom>
        {runs.length} runs side by side; {differing} of {rows.length} rows
        differ.
      </Typography>
      <WholeWordTable size="small" aria-label="Compared runs">
        <TableHead>
          <TableRow>
            <TableCell>
              <span className={classes.label}>Run</span>
            </TableCell>
            {runs.map(run => (
              <TableCell key={run.name} scope="col">
                <Typography variant="body2">{run.name}</Typography>
                <RunStatusIndicator status={run.status} />
                <div>
                  <Button
                    size="small"
                    onClick={() => props.onRemove(run)}
                    aria-label={`Remove ${run.name} from the comparison`}
                  >
                    Remove
                  </Button>
                </div>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map(group => (
            <Fragment key={group}>
              <TableRow>
                <TableCell
                  colSpan={runs.length + 1}
                  className={classes.group}
                  component="th"
                  scope="colgroup"
                >
                  {group}
                </TableCell>
              </TableRow>
              {rows
                .filter(r => r.group === group)
                .map(r => (
                  <TableRow
                    key={`${group}-${r.label}`}
                    className={r.differs ? classes.differs : undefined}
                  >
                    <TableCell component="th" scope="row">
                      <span className={classes.label}>{r.label}</span>
                      {r.differs && (
                        <Typography variant="caption" className={classes.mark}>
                          differs
                        </Typography>
                      )}
                    </TableCell>
                    {r.values.map((value, i) => (
                      <TableCell key={runs[i].name}>
                        <span
                          className={`${classes.value} ${
                            r.best?.[i] && r.differs ? classes.best : ''
                          }`}
                        >
                          {value}
                        </span>
                        {r.best?.[i] && r.differs && (
                          <Typography
                            variant="caption"
                            className={classes.mark}
                          >
                            best
                          </Typography>
                        )}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
            </Fragment>
          ))}
        </TableBody>
      </WholeWordTable>
    </div>
  );
}
