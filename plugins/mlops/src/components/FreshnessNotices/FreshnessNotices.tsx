import type {
  MlopsFreshness,
  MlopsNotInstalled,
} from '@backstage-mlops/plugin-mlops-common';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { makeStyles } from '@material-ui/core/styles';
import { formatRelativeTime } from '../../lib/formatRelativeTime';

const useStyles = makeStyles(theme => ({
  notices: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
}));

/**
 * Props of {@link FreshnessNotices}.
 *
 * @internal
 */
export interface FreshnessNoticesProps {
  freshness?: MlopsFreshness[];
  notInstalled?: MlopsNotInstalled[];
}

function staleText(f: MlopsFreshness): string {
  const since = f.syncedAt
    ? `showing data from ${formatRelativeTime(f.syncedAt)}`
    : 'showing the last data it had';
  return `Cluster ${f.cluster} unreachable, ${since}.`;
}

/**
 * Says, above the data, when a cluster's data is stale (unreachable cluster,
 * cached data with its age) or still syncing, and which kinds a cluster does
 * not serve (e.g. Tekton not installed). Renders nothing when all is fresh.
 *
 * @internal
 */
export function FreshnessNotices(props: FreshnessNoticesProps) {
  const classes = useStyles();
  const stale = (props.freshness ?? []).filter(f => f.state === 'stale');
  const syncing = (props.freshness ?? []).filter(f => f.state === 'syncing');
  const seen = new Set<string>();
  const missing = (props.notInstalled ?? []).filter(n => {
    const key = `${n.cluster}/${n.apiVersion}/${n.resource}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
  if (stale.length + syncing.length + missing.length === 0) {
    return null;
  }
  return (
    <div className={classes.notices}>
      {stale.map(f => (
        <Alert key={`stale-${f.cluster}`} severity="warning">
          <AlertTitle>{staleText(f)}</AlertTitle>
          {f.message
            ? `The backend lost its connection: ${f.message}. `
            : undefined}
          The data below may be out of date; it updates once the cluster is
          back.
        </Alert>
      ))}
      {syncing.map(f => (
        <Alert key={`syncing-${f.cluster}`} severity="info" role="status">
          Cluster {f.cluster} is still syncing; the data below may be
          incomplete.{f.message ? ` ${f.message}` : ''}
        </Alert>
      ))}
      {missing.map(n => (
        <Alert
          key={`missing-${n.cluster}/${n.apiVersion}/${n.resource}`}
          severity="info"
          role="status"
        >
          {n.message} ({n.resource}.{n.apiVersion} is not served there).
        </Alert>
      ))}
    </div>
  );
}
