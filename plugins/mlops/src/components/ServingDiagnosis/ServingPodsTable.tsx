import type { MlopsServingPod } from '@backstage-mlops/plugin-mlops-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { MlopsEntityRef } from '../../api/MlopsApi';
import type { StatusTone } from '../../lib/statusTone';
import { LogButton } from '../LogDialog';
import { StatusIndicator } from '../StatusIndicator';
import { VisuallyHidden } from '../VisuallyHidden';
import { WholeWordTable } from '../WholeWordTable';

/**
 * Props of {@link ServingPodsTable}.
 *
 * @internal
 */
export interface ServingPodsTableProps {
  entityRef: MlopsEntityRef;
  pods: MlopsServingPod[];
}

function toneOf(pod: MlopsServingPod): StatusTone {
  if (pod.reason || pod.phase === 'Failed') return 'error';
  if (pod.ready) return 'ok';
  return pod.phase === 'Running' ? 'running' : 'pending';
}

function lastTerminationText(pod: MlopsServingPod): string {
  const last = pod.lastTermination;
  if (!last) return '—';
  return [
    last.reason,
    last.exitCode !== undefined ? `exit code ${last.exitCode}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The pods of an InferenceService: status (`kubectl get pods`' word: the phase, or
 * why the model server does not run, e.g. CrashLoopBackOff), restarts, how its last
 * run ended (e.g. OOMKilled), and its containers' logs.
 *
 * @internal
 */
export function ServingPodsTable(props: ServingPodsTableProps) {
  return (
    <WholeWordTable size="small">
      <VisuallyHidden component="caption">
        Pods of the InferenceService
      </VisuallyHidden>
      <TableHead>
        <TableRow>
          <TableCell>Pod</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Restarts</TableCell>
          <TableCell>Last termination</TableCell>
          <TableCell>Logs</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.pods.map(pod => (
          <TableRow key={pod.name}>
            <TableCell>{pod.name}</TableCell>
            <TableCell>
              <StatusIndicator tone={toneOf(pod)}>
                {pod.reason ?? pod.phase}
              </StatusIndicator>
              {pod.message && (
                <Typography variant="body2" color="textSecondary">
                  {pod.message}
                </Typography>
              )}
            </TableCell>
            <TableCell>{pod.restarts}</TableCell>
            <TableCell>
              {lastTerminationText(pod)}
              {pod.lastTermination?.message && (
                <Typography
                  variant="body2"
                  color="textSecondary"
                  style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                >
                  {pod.lastTermination.message}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              {pod.containers.map(container => (
                <LogButton
                  key={container}
                  entityRef={props.entityRef}
                  target={{ type: 'serving-pod', pod: pod.name, container }}
                  title={`Container ${container} of pod ${pod.name}`}
                  follow={pod.phase === 'Running' || pod.phase === 'Pending'}
                  ariaLabel={`Logs of container ${container} of pod ${pod.name}`}
                >
                  {container}
                </LogButton>
              ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </WholeWordTable>
  );
}
