import type { MlopsServingEvent } from '@backstage-mlops/plugin-mlops-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { RelativeTime } from '../RelativeTime';
import { StatusIndicator } from '../StatusIndicator';
import { VisuallyHidden } from '../VisuallyHidden';
import { WholeWordTable } from '../WholeWordTable';

/**
 * Props of {@link ServingEventsTable}.
 *
 * @internal
 */
export interface ServingEventsTableProps {
  /** Already in order: warnings first, newest first, repeats folded. */
  events: MlopsServingEvent[];
}

function objectOf(event: MlopsServingEvent): string {
  const { kind, name, container } = event.object;
  return `${kind} ${name}${container ? ` (${container})` : ''}`;
}

/**
 * Kubernetes Events of an InferenceService and its pods, as `kubectl describe` shows
 * them: type, reason, object, message, how often and when last.
 *
 * @internal
 */
export function ServingEventsTable(props: ServingEventsTableProps) {
  return (
    <WholeWordTable size="small">
      <VisuallyHidden component="caption">
        Events of the InferenceService and its pods, warnings first, newest
        first
      </VisuallyHidden>
      <TableHead>
        <TableRow>
          <TableCell>Type</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Object</TableCell>
          <TableCell>Message</TableCell>
          <TableCell>Count</TableCell>
          <TableCell>Last seen</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.events.map(event => (
          <TableRow
            key={`${event.type}/${event.reason}/${objectOf(event)}/${
              event.message
            }`}
          >
            <TableCell>
              <StatusIndicator
                tone={event.type === 'Warning' ? 'warning' : 'ok'}
              >
                {event.type}
              </StatusIndicator>
            </TableCell>
            <TableCell>{event.reason}</TableCell>
            <TableCell>{objectOf(event)}</TableCell>
            <TableCell style={{ wordBreak: 'break-word' }}>
              {event.message}
            </TableCell>
            <TableCell>{event.count > 1 ? `×${event.count}` : '1'}</TableCell>
            <TableCell>
              <RelativeTime value={event.lastSeen} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </WholeWordTable>
  );
}
