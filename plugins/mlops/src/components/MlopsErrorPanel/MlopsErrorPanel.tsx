import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import { backendMessage } from '../../lib/backendMessage';
import { namespaceRefusal } from '../../lib/namespaceRefusal';
import Button from '@material-ui/core/Button';

/**
 * Props of {@link MlopsErrorPanel}.
 *
 * @internal
 */
export interface MlopsErrorPanelProps {
  error: Error;
  /** What could not be read, e.g. `training runs`. */
  what: string;
  /** Offers a retry when given (for 503 and unexpected errors). */
  onRetry?: () => void;
}

function statusOf(error: Error): number | undefined {
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

/**
 * Shows why the mlops backend refused a read, in words that say what to do: a
 * namespace that does not allow the entity's owner (403 with a namespace refusal,
 * naming the namespace and the annotation to add), permission denied (403), bad
 * annotations (400, naming the annotation),
 * unknown entity (404), cluster unreachable with nothing cached (503, naming
 * the cluster); any other error as a `ResponseErrorPanel`.
 *
 * @internal
 */
export function MlopsErrorPanel(props: MlopsErrorPanelProps) {
  const { error, what, onRetry } = props;
  const message = backendMessage(error);
  const retry = onRetry ? (
    <Button variant="outlined" size="small" onClick={onRetry}>
      Try again
    </Button>
  ) : undefined;

  const refusal = namespaceRefusal(error);
  if (refusal) {
    return (
      <WarningPanel
        severity="warning"
        title={refusal.title}
        defaultExpanded
        message={`The ${what} of this entity are not shown: its namespace on the cluster does not allow its owner. ${message}.`}
      />
    );
  }

  switch (statusOf(error)) {
    case 403:
      return (
        <WarningPanel
          severity="info"
          title="Permission denied"
          defaultExpanded
          message={`You are not allowed to see the ${what} of this entity. Ask its owner or a Backstage administrator for read access. (${message})`}
        />
      );
    case 400:
      return (
        <WarningPanel
          severity="warning"
          title="The entity's annotations cannot be used"
          defaultExpanded
          message={`The mlops backend cannot read the ${what}: ${message}. Fix the annotation in the entity's catalog-info.yaml.`}
        />
      );
    case 404:
      return (
        <WarningPanel
          severity="warning"
          title="Entity not known to the mlops backend"
          defaultExpanded
          message={`${message}. If it was registered just now, the catalog may not have processed it yet; try again in a minute.`}
        >
          {retry}
        </WarningPanel>
      );
    case 503:
      return (
        <WarningPanel
          severity="error"
          title="Cluster unreachable"
          message={`The ${what} cannot be shown: ${message}. Nothing is cached yet; the backend keeps trying to reconnect.`}
          defaultExpanded
        >
          {retry}
        </WarningPanel>
      );
    default:
      return (
        <>
          <ResponseErrorPanel
            error={error}
            title={`Could not load the ${what}`}
          />
          {retry}
        </>
      );
  }
}
