import type {
  MlopsPipelineRunSummary,
  MlopsTaskRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import Checkbox from '@material-ui/core/Checkbox';
import IconButton from '@material-ui/core/IconButton';
import { makeStyles } from '@material-ui/core/styles';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@material-ui/icons/KeyboardArrowRight';
import { Fragment, useState, type ReactNode } from 'react';
import { formatMetric, metricOf } from '../../lib/runMetrics';
import { RelativeTime } from '../RelativeTime';
import { RunStatusIndicator } from '../StatusIndicator';
import { TaskProgressBar } from '../TaskProgressBar';
import { VisuallyHidden } from '../VisuallyHidden';
import { DurationText } from './DurationText';
import { PipelineRunDetails } from './PipelineRunDetails';
import { TriggerLabel } from './TriggerLabel';
import { WholeWordTable } from '../WholeWordTable';

const useStyles = makeStyles(theme => ({
  expandCell: { width: 48, paddingRight: 0 },
  // Short values that read badly when broken mid-word ("Succeede d").
  noWrap: { whiteSpace: 'nowrap' },
  name: { fontWeight: theme.typography.fontWeightMedium as number },
  detailsCell: {
    padding: 0,
    backgroundColor: theme.palette.background.default,
  },
  row: { '& > *': { borderBottom: 'unset' } },
}));

/**
 * Props of {@link PipelineRunsTable}.
 *
 * @internal
 */
export interface PipelineRunsTableProps {
  /** The runs of one page, newest first. */
  runs: MlopsPipelineRunSummary[];
  /** What the table lists, for screen readers, e.g. `Training runs, newest first`. */
  caption: string;
  /** A slot for per-run actions (rerun, cancel — they come with the actions API). */
  renderRowActions?: (run: MlopsPipelineRunSummary) => ReactNode;
  /** A slot for per-task actions inside an expanded run (e.g. logs). */
  renderTaskActions?: (
    run: MlopsPipelineRunSummary,
    task: MlopsTaskRunSummary,
  ) => ReactNode;
  /** Model metrics to show a column each for (see `metricNamesOf`). */
  metricNames?: string[];
  /** Runs picked for comparison: a checkbox column when given. */
  selection?: PipelineRunSelection;
  /** A run to show expanded from the start (e.g. the Training tab's `?run=`). */
  openRun?: string;
}

/**
 * The runs picked in a {@link PipelineRunsTable}, e.g. for a comparison.
 *
 * @internal
 */
export interface PipelineRunSelection {
  isSelected: (run: MlopsPipelineRunSummary) => boolean;
  /** False when no more runs may be picked (the run's checkbox is disabled). */
  canSelect: (run: MlopsPipelineRunSummary) => boolean;
  onToggle: (run: MlopsPipelineRunSummary) => void;
}

/**
 * Training PipelineRuns as a table in the manner of the Tekton dashboard:
 * status, name, trigger, start, duration, model metrics and task progress, a
 * checkbox to pick runs to compare; a row expands to
 * the run's tasks, steps, params and results.
 *
 * @internal
 */
export function PipelineRunsTable(props: PipelineRunsTableProps) {
  const classes = useStyles();
  const { runs, renderRowActions, renderTaskActions, selection } = props;
  const metricNames = props.metricNames ?? [];
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(
    () => new Set(props.openRun ? [props.openRun] : []),
  );
  const columns =
    7 + (renderRowActions ? 1 : 0) + (selection ? 1 : 0) + metricNames.length;

  const toggle = (name: string) =>
    setExpanded(current => {
      const next = new Set(current);
      if (next.has(name)) {
        next.delete(name);
      } else {
        next.add(name);
      }
      return next;
    });

  return (
    <WholeWordTable size="small">
      <VisuallyHidden component="caption">{props.caption}</VisuallyHidden>
      <TableHead>
        <TableRow>
          <TableCell className={classes.expandCell}>
            <VisuallyHidden>Details</VisuallyHidden>
          </TableCell>
          {selection && (
            <TableCell className={classes.expandCell}>Compare</TableCell>
          )}
          <TableCell className={classes.noWrap}>Status</TableCell>
          <TableCell>Name</TableCell>
          <TableCell>Trigger</TableCell>
          <TableCell>Started</TableCell>
          <TableCell className={classes.noWrap}>Duration</TableCell>
          {metricNames.map(name => (
            <TableCell key={name} align="right" className={classes.noWrap}>
              {name}
            </TableCell>
          ))}
          <TableCell>Tasks</TableCell>
          {renderRowActions && <TableCell>Actions</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {runs.map(run => {
          const open = expanded.has(run.name);
          const detailsId = `mlops-run-details-${run.namespace}-${run.name}`;
          return (
            <Fragment key={run.name}>
              <TableRow className={classes.row} hover>
                <TableCell className={classes.expandCell}>
                  <IconButton
                    size="small"
                    aria-label={`${open ? 'Hide' : 'Show'} tasks of ${
                      run.name
                    }`}
                    aria-expanded={open}
                    aria-controls={open ? detailsId : undefined}
                    onClick={() => toggle(run.name)}
                  >
                    {open ? (
                      <KeyboardArrowDownIcon />
                    ) : (
                      <KeyboardArrowRightIcon />
                    )}
                  </IconButton>
                </TableCell>
                {selection && (
                  <TableCell className={classes.expandCell}>
                    <Checkbox
                      size="small"
                      checked={selection.isSelected(run)}
                      disabled={
                        !selection.isSelected(run) && !selection.canSelect(run)
                      }
                      onChange={() => selection.onToggle(run)}
                      inputProps={{ 'aria-label': `Compare ${run.name}` }}
                    />
                  </TableCell>
                )}
                <TableCell className={classes.noWrap}>
                  <RunStatusIndicator status={run.status} />
                </TableCell>
                <TableCell>
                  <Typography variant="body2" className={classes.name}>
                    {run.name}
                  </Typography>
                  {run.status !== 'Succeeded' &&
                    (run.cause?.verdict ?? run.reason) && (
                      <Typography variant="caption" component="div">
                        {run.cause?.verdict ?? run.reason}
                      </Typography>
                    )}
                </TableCell>
                <TableCell>
                  <TriggerLabel trigger={run.trigger} />
                </TableCell>
                <TableCell>
                  <RelativeTime value={run.startedAt ?? run.createdAt} />
                </TableCell>
                <TableCell className={classes.noWrap}>
                  <DurationText item={run} />
                </TableCell>
                {metricNames.map(name => (
                  <TableCell key={name} align="right">
                    {formatMetric(metricOf(run, name))}
                  </TableCell>
                ))}
                <TableCell>
                  <TaskProgressBar tasks={run.tasks} />
                </TableCell>
                {renderRowActions && (
                  <TableCell>{renderRowActions(run)}</TableCell>
                )}
              </TableRow>
              {open && (
                <TableRow id={detailsId}>
                  <TableCell colSpan={columns} className={classes.detailsCell}>
                    <PipelineRunDetails
                      run={run}
                      renderTaskActions={renderTaskActions}
                    />
                  </TableCell>
                </TableRow>
              )}
            </Fragment>
          );
        })}
      </TableBody>
    </WholeWordTable>
  );
}
