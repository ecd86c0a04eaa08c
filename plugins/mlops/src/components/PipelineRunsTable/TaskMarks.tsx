import type { MlopsTaskRunSummary } from '@backstage-mlops/plugin-mlops-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  marks: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(0.5),
  },
}));

/**
 * Props of {@link TaskMarks}.
 *
 * @internal
 */
export interface TaskMarksProps {
  /** A task of the pipeline's `finally` section. */
  finally?: boolean;
  /** Its failure did not fail the run (`onError: continue`). */
  failureIgnored?: boolean;
  /** The task as it ran, for its attempts. */
  task?: Pick<MlopsTaskRunSummary, 'retries' | 'earlierAttempts'>;
}

/**
 * Small labels next to a task's name: `finally`, `failure ignored`, and for a task
 * that may be retried which attempt this is.
 *
 * @internal
 */
export function TaskMarks(props: TaskMarksProps) {
  const classes = useStyles();
  const earlier = props.task?.earlierAttempts?.length ?? 0;
  const retries = props.task?.retries;
  const marks: string[] = [];
  if (props.finally) {
    marks.push('finally');
  }
  if (props.failureIgnored) {
    marks.push('failure ignored');
  }
  if (earlier > 0 || retries) {
    marks.push(
      retries
        ? `attempt ${earlier + 1} of ${retries + 1}`
        : `attempt ${earlier + 1}`,
    );
  }
  if (marks.length === 0) {
    return null;
  }
  return (
    <div className={classes.marks}>
      {marks.map(mark => (
        <Chip key={mark} size="small" variant="outlined" label={mark} />
      ))}
    </div>
  );
}
