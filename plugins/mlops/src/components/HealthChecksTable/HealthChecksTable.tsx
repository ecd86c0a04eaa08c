import type { MlopsHealthCheckResult } from '@backstage-mlops/plugin-mlops-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatParamValue } from '../NameValueList';
import { RelativeTime } from '../RelativeTime';
import { RunStatusIndicator } from '../StatusIndicator';
import { VisuallyHidden } from '../VisuallyHidden';
import { WholeWordTable } from '../WholeWordTable';

/**
 * Props of {@link HealthChecksTable}.
 *
 * @internal
 */
export interface HealthChecksTableProps {
  checks: MlopsHealthCheckResult[];
}

/**
 * The latest result of each health-check task of the training runs: status,
 * task, run, when, and its results (e.g. `model-health: healthy`).
 *
 * @internal
 */
export function HealthChecksTable(props: HealthChecksTableProps) {
  return (
    <WholeWordTable size="small">
      <VisuallyHidden component="caption">
        Latest health checks of the training runs
      </VisuallyHidden>
      <TableHead>
        <TableRow>
          <TableCell>Status</TableCell>
          <TableCell>Check</TableCell>
          <TableCell>Run</TableCell>
          <TableCell>Completed</TableCell>
          <TableCell>Results</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.checks.map(check => (
          <TableRow key={`${check.task}/${check.pipelineRun}`}>
            <TableCell>
              <RunStatusIndicator status={check.status} />
            </TableCell>
            <TableCell>{check.task}</TableCell>
            <TableCell>{check.pipelineRun}</TableCell>
            <TableCell>
              <RelativeTime value={check.completedAt} />
            </TableCell>
            <TableCell>
              {check.results.length === 0
                ? '—'
                : check.results.map(r => (
                    <Typography key={r.name} variant="body2">
                      {r.name}: {formatParamValue(r.value)}
                    </Typography>
                  ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </WholeWordTable>
  );
}
