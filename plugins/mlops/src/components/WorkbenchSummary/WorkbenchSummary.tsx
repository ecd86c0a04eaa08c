import { StructuredMetadataTable } from '@backstage/core-components';
import type { MlopsWorkbenchState } from '@backstage-mlops/plugin-mlops-common';
import Alert from '@material-ui/lab/Alert';
import { workbenchTone } from '../../lib/statusTone';
import { RelativeTime } from '../RelativeTime';
import { StatusIndicator } from '../StatusIndicator';

/**
 * Props of {@link WorkbenchSummary}.
 *
 * @internal
 */
export interface WorkbenchSummaryProps {
  workbench: MlopsWorkbenchState;
}

/**
 * A workbench at a glance: state, image, GPUs, since when it is stopped, and
 * why it is not running.
 *
 * @internal
 */
export function WorkbenchSummary(props: WorkbenchSummaryProps) {
  const { workbench } = props;
  const metadata: Record<string, unknown> = {
    Name: workbench.name,
    State: (
      <StatusIndicator tone={workbenchTone(workbench.state)}>
        {workbench.state}
      </StatusIndicator>
    ),
    Image: workbench.image ?? 'unknown',
    GPU: workbench.gpu > 0 ? `${workbench.gpu} (nvidia.com/gpu)` : 'none',
  };
  if (workbench.stoppedAt) {
    metadata.Stopped = <RelativeTime value={workbench.stoppedAt} />;
  }
  return (
    <>
      {workbench.message && (
        <Alert severity={workbench.state === 'Failed' ? 'error' : 'info'}>
          {workbench.message}
        </Alert>
      )}
      <StructuredMetadataTable
        dense
        options={{ titleFormat: key => key }}
        metadata={metadata}
      />
    </>
  );
}
