import {
  getMlopsErrorCategoryHint,
  type MlopsValidationJobSummary,
} from '@backstage-mlops/plugin-mlops-common';
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
import { runStatusTone } from '../../lib/statusTone';
import { CellResultsGrid } from '../CellResultsGrid';
import { DurationText } from '../PipelineRunsTable';
import { RelativeTime } from '../RelativeTime';
import { StatusIndicator } from '../StatusIndicator';
import { VisuallyHidden } from '../VisuallyHidden';
import { ValidationJobDetails } from './ValidationJobDetails';
import { WholeWordTable } from '../WholeWordTable';

const useStyles = makeStyles(theme => ({
  expandCell: { width: 48, paddingRight: 0 },
  name: { fontWeight: theme.typography.fontWeightMedium as number },
  path: { fontFamily: 'monospace', wordBreak: 'break-all' },
  detailsCell: {
    padding: 0,
    backgroundColor: theme.palette.background.default,
  },
  row: { '& > *': { borderBottom: 'unset' } },
}));

function resultText(job: MlopsValidationJobSummary): string {
  if (!job.errorCategory) {
    return job.status === 'Failed' ? 'Failed' : '—';
  }
  return job.errorCategory === 'none'
    ? 'Passed'
    : getMlopsErrorCategoryHint(job.errorCategory).title;
}

/**
 * Props of {@link ValidationJobsTable}.
 *
 * @internal
 */
export interface ValidationJobsTableProps {
  /** Newest first. */
  jobs: MlopsValidationJobSummary[];
  caption: string;
  /** Hide the notebook column (e.g. on a notebook's own card). */
  hideNotebook?: boolean;
  /** A slot for per-job actions (validate again, logs — they come later). */
  renderRowActions?: (job: MlopsValidationJobSummary) => ReactNode;
}

/**
 * Notebook validation jobs: phase, notebook, start, duration, the per-cell
 * results as a grid, and the outcome in words; a row expands to the error
 * category's explanation and fix, the failing cells, the image build and the
 * conditions. The newest job starts expanded when it failed.
 *
 * @internal
 */
export function ValidationJobsTable(props: ValidationJobsTableProps) {
  const classes = useStyles();
  const { jobs, hideNotebook, renderRowActions } = props;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(
    () =>
      new Set(
        jobs.length > 0 && jobs[0].status === 'Failed' ? [jobs[0].name] : [],
      ),
  );
  const columns = 7 + (hideNotebook ? 0 : 1) + (renderRowActions ? 1 : 0);
  const toggle = (name: string) =>
    setExpanded(current => {
      const next = new Set(current);
      if (!next.delete(name)) {
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
          <TableCell>Phase</TableCell>
          <TableCell>Name</TableCell>
          {!hideNotebook && <TableCell>Notebook</TableCell>}
          <TableCell>Started</TableCell>
          <TableCell>Duration</TableCell>
          <TableCell>Cells</TableCell>
          <TableCell>Result</TableCell>
          {renderRowActions && <TableCell>Actions</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {jobs.map(job => {
          const open = expanded.has(job.name);
          const detailsId = `mlops-validation-details-${job.name}`;
          return (
            <Fragment key={job.name}>
              <TableRow className={classes.row} hover>
                <TableCell className={classes.expandCell}>
                  <IconButton
                    size="small"
                    aria-label={`${open ? 'Hide' : 'Show'} details of ${
                      job.name
                    }`}
                    aria-expanded={open}
                    aria-controls={open ? detailsId : undefined}
                    onClick={() => toggle(job.name)}
                  >
                    {open ? (
                      <KeyboardArrowDownIcon />
                    ) : (
                      <KeyboardArrowRightIcon />
                    )}
                  </IconButton>
                </TableCell>
                <TableCell>
                  <StatusIndicator tone={runStatusTone(job.status)}>
                    {job.phase}
                  </StatusIndicator>
                </TableCell>
                <TableCell>
                  <Typography variant="body2" className={classes.name}>
                    {job.name}
                  </Typography>
                </TableCell>
                {!hideNotebook && (
                  <TableCell>
                    <Typography variant="body2" className={classes.path}>
                      {job.notebookPath}
                    </Typography>
                  </TableCell>
                )}
                <TableCell>
                  <RelativeTime value={job.startedAt ?? job.createdAt} />
                </TableCell>
                <TableCell>
                  <DurationText item={job} />
                </TableCell>
                <TableCell>
                  <CellResultsGrid cells={job.cells} jobName={job.name} />
                </TableCell>
                <TableCell>
                  <Typography variant="body2">{resultText(job)}</Typography>
                </TableCell>
                {renderRowActions && (
                  <TableCell>{renderRowActions(job)}</TableCell>
                )}
              </TableRow>
              {open && (
                <TableRow id={detailsId}>
                  <TableCell colSpan={columns} className={classes.detailsCell}>
                    <ValidationJobDetails job={job} />
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
