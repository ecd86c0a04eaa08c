import type { MlopsValidationJobSummary } from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { formatDuration } from '../../lib/formatDuration';
import { conditionTone, runStatusTone } from '../../lib/statusTone';
import { ErrorCategoryHint } from '../ErrorCategoryHint';
import { RelativeTime } from '../RelativeTime';
import { StatusIndicator } from '../StatusIndicator';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(1, 2, 2, 2),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
  },
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
  output: {
    fontFamily: 'monospace',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    margin: 0,
  },
}));

/**
 * Props of {@link ValidationJobDetails}.
 *
 * @internal
 */
export interface ValidationJobDetailsProps {
  job: MlopsValidationJobSummary;
}

/**
 * The inside of an expanded validation job: what made it fail first, the error
 * category with its fix, the job message, the operator's retries, the golden
 * notebook comparison with its differences, the failing cells' errors and output,
 * the image build and the conditions.
 *
 * @internal
 */
export function ValidationJobDetails(props: ValidationJobDetailsProps) {
  const classes = useStyles();
  const { job } = props;
  const failedCells = job.cells.filter(c => c.status === 'Failure');
  const comparison = job.comparison;
  return (
    <div className={classes.root}>
      {job.status === 'Failed' && job.cause && (
        <Alert severity="error">
          {[job.cause.reason, job.cause.message].filter(Boolean).join(': ')}
        </Alert>
      )}
      {job.errorCategory && job.errorCategory !== 'none' && (
        <ErrorCategoryHint category={job.errorCategory} />
      )}
      {job.message && job.message !== job.cause?.message && (
        <Typography variant="body2">
          <strong>Message: </strong>
          {job.message}
        </Typography>
      )}
      {job.retryCount !== undefined && job.retryCount > 0 && (
        <Typography variant="body2">
          <strong>Retries: </strong>
          the operator ran the validation pod {job.retryCount} more{' '}
          {job.retryCount === 1 ? 'time' : 'times'} after a failure
        </Typography>
      )}
      {comparison && (
        <div>
          <Typography variant="subtitle2" component="h4">
            Golden notebook comparison
          </Typography>
          <Typography variant="body2">
            {comparison.result}: {comparison.matchedCells} of{' '}
            {comparison.totalCells} cells matched
            {comparison.strategy ? ` (${comparison.strategy})` : ''}
          </Typography>
          {comparison.diffs.length > 0 && (
            <ul className={classes.list}>
              {comparison.diffs.map((d, i) => (
                <li key={`${d.cellIndex}-${i}`}>
                  <Typography variant="body2">
                    Cell {d.cellIndex}: {d.diffType}
                    {d.severity ? ` (${d.severity})` : ''}
                  </Typography>
                  {(d.expected !== undefined || d.actual !== undefined) && (
                    <pre className={classes.output}>
                      {`expected: ${d.expected ?? '—'}\nactual:   ${
                        d.actual ?? '—'
                      }`}
                    </pre>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {failedCells.length > 0 && (
        <div>
          <Typography variant="subtitle2" component="h4">
            Failing cells
          </Typography>
          <ul className={classes.list}>
            {failedCells.map(c => (
              <li key={c.index}>
                <Typography variant="body2" className={classes.mono}>
                  Cell {c.index}: {c.error ?? 'failed'}
                </Typography>
                {c.output && <pre className={classes.output}>{c.output}</pre>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Typography variant="body2">
        <strong>Source: </strong>
        <span className={classes.mono}>
          {job.gitUrl} @ {job.gitRef} : {job.notebookPath}
        </span>
      </Typography>
      {job.build && (
        <div>
          <Typography variant="subtitle2" component="h4">
            Image build
          </Typography>
          <StatusIndicator
            tone={
              job.build.status ? runStatusTone(job.build.status) : 'warning'
            }
          >
            {job.build.phase}
            {job.build.strategy ? ` (${job.build.strategy})` : ''}
            {job.build.buildName ? `, ${job.build.buildName}` : ''}
            {job.build.durationSeconds !== undefined
              ? `, ${formatDuration(job.build.durationSeconds)}`
              : ''}
          </StatusIndicator>
          {job.build.imageReference && (
            <Typography variant="body2" className={classes.mono}>
              {job.build.imageReference}
            </Typography>
          )}
          {job.build.message && (
            <Typography variant="body2">{job.build.message}</Typography>
          )}
        </div>
      )}
      {job.conditions.length > 0 && (
        <div>
          <Typography variant="subtitle2" component="h4">
            Conditions
          </Typography>
          <ul className={classes.list}>
            {job.conditions.map(c => (
              <li key={c.type}>
                <StatusIndicator tone={conditionTone(c.status)}>
                  {c.type}
                  {c.reason ? `: ${c.reason}` : ''}
                  {c.message ? ` — ${c.message}` : ''}
                </StatusIndicator>
                {c.lastTransitionTime && (
                  <Typography variant="caption">
                    changed <RelativeTime value={c.lastTransitionTime} />
                  </Typography>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
