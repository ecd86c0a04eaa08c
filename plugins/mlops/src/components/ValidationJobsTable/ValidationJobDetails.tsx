import type { MlopsValidationJobSummary } from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
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
 * The inside of an expanded validation job: the error category with its fix,
 * the job message, the failing cells' errors, the image build and the
 * conditions.
 *
 * @internal
 */
export function ValidationJobDetails(props: ValidationJobDetailsProps) {
  const classes = useStyles();
  const { job } = props;
  const failedCells = job.cells.filter(c => c.status === 'Failure');
  return (
    <div className={classes.root}>
      {job.errorCategory && job.errorCategory !== 'none' && (
        <ErrorCategoryHint category={job.errorCategory} />
      )}
      {job.message && (
        <Typography variant="body2">
          <strong>Message: </strong>
          {job.message}
        </Typography>
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
