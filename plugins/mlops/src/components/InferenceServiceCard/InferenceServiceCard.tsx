import {
  CopyTextButton,
  Link,
  StructuredMetadataTable,
} from '@backstage/core-components';
import type {
  MlopsConditionStatus,
  MlopsInferenceServiceHealth,
  MlopsModelState,
} from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { ReactNode } from 'react';
import { formatAbsoluteTime } from '../../lib/formatRelativeTime';
import {
  conditionRowTone,
  conditionTone,
  modelStateTone,
} from '../../lib/statusTone';
import { RelativeTime } from '../RelativeTime';
import { SectionCard } from '../SectionCard';
import { StatusIndicator } from '../StatusIndicator';
import { VisuallyHidden } from '../VisuallyHidden';
import { WholeWordTable } from '../WholeWordTable';

const useStyles = makeStyles(theme => ({
  stack: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  address: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    wordBreak: 'break-all',
  },
  mono: { fontFamily: 'monospace' },
  failureMessage: {
    fontFamily: 'monospace',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
}));

const READY_WORDS: Record<MlopsConditionStatus, string> = {
  True: 'Ready',
  False: 'Not ready',
  Unknown: 'Readiness unknown',
};

function Address(props: { url: string; label: string; link?: boolean }) {
  const classes = useStyles();
  return (
    <span className={classes.address}>
      {props.link ? (
        <Link to={props.url}>{props.url}</Link>
      ) : (
        <span className={classes.mono}>{props.url}</span>
      )}
      <CopyTextButton text={props.url} aria-label={`Copy the ${props.label}`} />
    </span>
  );
}

function ModelState(props: { state?: MlopsModelState }) {
  const { state } = props;
  if (!state?.state || state.state === 'Unknown') {
    return <span>unknown</span>;
  }
  return (
    <StatusIndicator tone={modelStateTone(state.state)}>
      {state.state}
      {state.previousStillServes ? ' (the previous model still serves)' : ''}
    </StatusIndicator>
  );
}

function LoadFailure(props: { state: MlopsModelState }) {
  const classes = useStyles();
  const failure = props.state.loadFailure;
  const where: string[] = [];
  if (failure?.time) {
    where.push(`at ${formatAbsoluteTime(failure.time)}`);
  }
  if (failure?.location) {
    where.push(`in ${failure.location}`);
  }
  if (failure?.exitCode !== undefined) {
    where.push(`exit code ${failure.exitCode}`);
  }
  return (
    <Alert severity="error">
      <AlertTitle>
        The model failed to load (FailedToLoad)
        {failure?.reason ? `: ${failure.reason}` : ''}
      </AlertTitle>
      {failure?.message && (
        <Typography
          variant="body2"
          paragraph
          className={classes.failureMessage}
        >
          {failure.message}
        </Typography>
      )}
      {props.state.previousStillServes && (
        <Typography variant="body2" paragraph>
          The previous model still serves requests.
        </Typography>
      )}
      {where.length > 0 && (
        <Typography variant="body2">{where.join(', ')}</Typography>
      )}
      {!failure && (
        <Typography variant="body2">
          KServe recorded no reason; check the predictor pod's log.
        </Typography>
      )}
    </Alert>
  );
}

/**
 * Props of {@link InferenceServiceCard}.
 *
 * @internal
 */
export interface InferenceServiceCardProps {
  service: MlopsInferenceServiceHealth;
  /** Header actions, e.g. restart serving (comes with the actions API). */
  action?: ReactNode;
  onRefresh?: () => void;
}

/**
 * One KServe InferenceService: Ready and why not, the model's state in its
 * server (a failed load first and prominent, with its message and whether the
 * previous model still serves), its URLs (copyable), deployment mode, runtime,
 * storage and revisions, every condition (those that do not decide readiness,
 * Knative's `Info` severity, marked), and its traffic split.
 *
 * @internal
 */
export function InferenceServiceCard(props: InferenceServiceCardProps) {
  const classes = useStyles();
  const { service } = props;
  const failedToLoad = service.modelState?.state === 'FailedToLoad';
  const ready = READY_WORDS[service.ready] ?? 'Readiness unknown';

  const metadata: Record<string, ReactNode> = {
    Ready: (
      <StatusIndicator tone={conditionTone(service.ready)}>
        {ready}
      </StatusIndicator>
    ),
    'Model state': <ModelState state={service.modelState} />,
    URL: service.url ? <Address url={service.url} label="URL" link /> : 'none',
    'Internal address': service.internalUrl ? (
      <Address url={service.internalUrl} label="internal address" />
    ) : (
      'none'
    ),
    'Deployment mode': service.deploymentMode
      ? `${service.deploymentMode}${
          service.deploymentModeName &&
          service.deploymentModeName !== service.deploymentMode
            ? ` (${service.deploymentModeName})`
            : ''
        }`
      : 'unknown',
    Runtime: service.runtime ?? 'unknown',
    'Model format': service.modelFormat ?? 'unknown',
    'Storage URI': service.storageUri ?? 'unknown',
    Created: <RelativeTime value={service.createdAt} />,
  };
  if (service.revisions) {
    const { latestReady, latestCreated, latestRolledOut } = service.revisions;
    metadata.Revisions = [
      latestCreated && `latest created ${latestCreated}`,
      latestReady && `latest ready ${latestReady}`,
      latestRolledOut && `rolled out ${latestRolledOut}`,
    ]
      .filter(Boolean)
      .join(', ');
  }

  return (
    <SectionCard
      title={`InferenceService ${service.name}`}
      subheader={
        <StatusIndicator tone={conditionTone(service.ready)}>
          {ready}
        </StatusIndicator>
      }
      action={props.action}
      onRefresh={props.onRefresh}
    >
      <div className={classes.stack}>
        {service.stopped && (
          <Alert severity="info">
            Stopped (serving.kserve.io/stop): the model is not served.
          </Alert>
        )}
        {failedToLoad && service.modelState && (
          <LoadFailure state={service.modelState} />
        )}
        {service.ready !== 'True' &&
          service.failingCondition &&
          !failedToLoad && (
            <Alert severity="error">
              <AlertTitle>
                Not ready: {service.failingCondition.type}
                {service.failingCondition.reason
                  ? ` (${service.failingCondition.reason})`
                  : ''}
              </AlertTitle>
              {service.failingCondition.message}
            </Alert>
          )}
        <StructuredMetadataTable
          dense
          options={{ titleFormat: key => key }}
          metadata={metadata}
        />
        <div>
          <Typography variant="h6" component="h3">
            Conditions
          </Typography>
          <WholeWordTable size="small">
            <VisuallyHidden component="caption">
              Conditions of InferenceService {service.name}
            </VisuallyHidden>
            <TableHead>
              <TableRow>
                <TableCell>Condition</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Reason</TableCell>
                <TableCell>Message</TableCell>
                <TableCell>Changed</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {service.conditions.map(c => (
                <TableRow key={c.type}>
                  <TableCell>{c.type}</TableCell>
                  <TableCell>
                    <StatusIndicator tone={conditionRowTone(c)}>
                      {c.status}
                      {c.severity ? ` (${c.severity})` : ''}
                    </StatusIndicator>
                  </TableCell>
                  <TableCell>{c.reason ?? '—'}</TableCell>
                  <TableCell>{c.message ?? '—'}</TableCell>
                  <TableCell>
                    <RelativeTime value={c.lastTransitionTime} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </WholeWordTable>
        </div>
        {service.traffic.length > 0 && (
          <div>
            <Typography variant="h6" component="h3">
              Traffic
            </Typography>
            <WholeWordTable size="small">
              <VisuallyHidden component="caption">
                Traffic split of InferenceService {service.name}
              </VisuallyHidden>
              <TableHead>
                <TableRow>
                  <TableCell>Revision</TableCell>
                  <TableCell>Percent</TableCell>
                  <TableCell>Tag</TableCell>
                  <TableCell>Latest</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {service.traffic.map((t, i) => (
                  <TableRow key={`${t.revision ?? 'latest'}-${t.tag ?? i}`}>
                    <TableCell>
                      {t.revision ?? 'latest ready revision'}
                    </TableCell>
                    <TableCell>
                      {t.percent !== undefined ? `${t.percent}%` : '—'}
                    </TableCell>
                    <TableCell>{t.tag ?? '—'}</TableCell>
                    <TableCell>{t.latest ? 'yes' : 'no'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </WholeWordTable>
          </div>
        )}
      </div>
    </SectionCard>
  );
}
