import type {
  MlopsSkippedTask,
  MlopsWhenExpression,
} from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { WholeWordTable } from '../WholeWordTable';
import { TaskMarks } from './TaskMarks';

const useStyles = makeStyles(theme => ({
  title: { marginTop: theme.spacing(2) },
  taskName: { fontWeight: theme.typography.fontWeightMedium as number },
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
}));

/** A `when` expression as written in a Pipeline, e.g. `true in [false]`. */
function whenText(when: MlopsWhenExpression): string {
  if (when.cel) {
    return when.cel;
  }
  return `${when.input ?? ''} ${when.operator ?? ''} [${(
    when.values ?? []
  ).join(', ')}]`;
}

/**
 * Props of {@link SkippedTasksTable}.
 *
 * @internal
 */
export interface SkippedTasksTableProps {
  runName: string;
  skipped: MlopsSkippedTask[];
}

/**
 * The pipeline tasks a run did not run, with Tekton's reason and, when a `when`
 * expression is why, the expressions as Tekton resolved them.
 *
 * @internal
 */
export function SkippedTasksTable(props: SkippedTasksTableProps) {
  const classes = useStyles();
  if (props.skipped.length === 0) {
    return null;
  }
  return (
    <>
      <Typography variant="subtitle2" className={classes.title}>
        Skipped tasks
      </Typography>
      <WholeWordTable
        size="small"
        aria-label={`Skipped tasks of ${props.runName}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Task</TableCell>
            <TableCell>Why it was skipped</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.skipped.map(task => (
            <TableRow key={task.name}>
              <TableCell>
                <Typography variant="body2" className={classes.taskName}>
                  {task.name}
                </Typography>
                <TaskMarks finally={task.finally} />
              </TableCell>
              <TableCell>
                <Typography variant="body2">{task.reason}</Typography>
                {task.when?.map((when, index) => (
                  <Typography
                    key={index}
                    variant="caption"
                    component="div"
                    className={classes.mono}
                  >
                    when {whenText(when)}
                  </Typography>
                ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </WholeWordTable>
    </>
  );
}
