import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { readMlopsCoordinates } from '@backstage-mlops/plugin-mlops-common';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useMemo, type ReactNode } from 'react';
import { useMlopsLiveUpdates } from '../../hooks/useMlopsLiveUpdates';
import { useMlopsSummary } from '../../hooks/useMlopsSummary';
import { nextStep } from '../../lib/nextStep';
import { FreshnessNotices } from '../FreshnessNotices';
import { MlopsErrorPanel } from '../MlopsErrorPanel';
import { AnnotationProblems } from '../MlopsModelGate';
import { ModelSummaryStatus } from '../ModelSummaryStatus';
import { SectionCard } from '../SectionCard';

const useStyles = makeStyles(theme => ({
  stack: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
}));

const ASPECTS = [
  ['training', 'Last training'],
  ['serving', 'Serving'],
  ['build', 'Last build'],
  ['validation', 'Last validation'],
] as const;

function StatusBody(props: { entityRef: string }) {
  const classes = useStyles();
  const refs = useMemo(() => [props.entityRef], [props.entityRef]);
  const summary = useMlopsSummary(refs);
  useMlopsLiveUpdates(props.entityRef, summary.refresh);

  if (summary.error) {
    return (
      <MlopsErrorPanel
        error={summary.error}
        what="status"
        onRetry={summary.refresh}
      />
    );
  }
  if (!summary.value) {
    return <Progress />;
  }
  const { partialError, freshness, notInstalled } = summary.value;
  const item = summary.value.items[0];
  let content: ReactNode;
  if (!item) {
    content = partialError ? undefined : (
      <Typography variant="body2">The backend returned no status.</Typography>
    );
  } else if (item.problem) {
    content = (
      <WarningPanel
        title="The status of this model cannot be read"
        message={item.problem}
      />
    );
  } else {
    const step = nextStep(item);
    content = (
      <>
        <Grid container spacing={2}>
          {ASPECTS.map(([aspect, label]) => (
            <Grid item xs={6} key={aspect}>
              <Typography variant="subtitle2" component="h3">
                {label}
              </Typography>
              <ModelSummaryStatus summary={item} aspect={aspect} detailed />
            </Grid>
          ))}
        </Grid>
        {step && (
          <Alert severity="info" role="note">
            <strong>Next: </strong>
            {step}
          </Alert>
        )}
      </>
    );
  }
  return (
    <div className={classes.stack}>
      {partialError && (
        <MlopsErrorPanel
          error={partialError}
          what="status"
          onRetry={summary.refresh}
        />
      )}
      <FreshnessNotices freshness={freshness} notInstalled={notInstalled} />
      {content}
    </div>
  );
}

/**
 * The Overview card of an `ml-model` entity: last training, serving, last
 * build and last validation at a glance, and what to do next.
 *
 * @remarks
 * One summary request (`POST /api/mlops/summary`) for the entity.
 *
 * @public
 */
export function EntityMlopsModelStatusCard() {
  const { entity } = useEntity();
  const coordinates = useMemo(() => readMlopsCoordinates(entity), [entity]);
  return (
    <SectionCard title="ML model status" variant="gridItem">
      {coordinates.ok ? (
        <StatusBody entityRef={stringifyEntityRef(entity)} />
      ) : (
        <AnnotationProblems problems={coordinates.problems} />
      )}
    </SectionCard>
  );
}
