import { EmptyState, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { MLOPS_SERVED_RUN_ANNOTATION } from '@backstage-mlops/plugin-mlops-common';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import type { ReactNode } from 'react';
import type { MlopsEntityRef } from '../../api/MlopsApi';
import { useMlopsLineage } from '../../hooks/useMlopsLineage';
import { MlopsErrorPanel } from '../MlopsErrorPanel';
import { SectionCard } from '../SectionCard';
import { ModelLineageTable } from './ModelLineageTable';

/**
 * Props of {@link ModelLineageSection}.
 *
 * @internal
 */
export interface ModelLineageSectionProps {
  entityRef: MlopsEntityRef;
  /** The lineage is read again whenever this changes (e.g. the Health tab's response). */
  readAgainOn?: unknown;
}

/**
 * "Where the served model comes from", a full-width grid item of the Health tab:
 * the lineage of the model its InferenceService serves, from the source commit
 * through the image build, validation job and training run to the model version and
 * since when it serves, each with a link (the run and the jobs to the Training tab,
 * the commit to its page where the git host is known), and where the chain breaks.
 *
 * @internal
 */
export function ModelLineageSection(props: ModelLineageSectionProps) {
  const { entityRef } = props;
  const lineage = useMlopsLineage(entityRef, props.readAgainOn);
  const entityLink = useRouteRef(entityRouteRef);
  const trainingTabUrl = `${entityLink(entityRouteParams(entityRef))}/training`;

  let body: ReactNode;
  if (lineage.error) {
    body = (
      <MlopsErrorPanel
        error={lineage.error}
        what="lineage of the served model"
        onRetry={lineage.refresh}
      />
    );
  } else if (!lineage.value) {
    body = <Progress />;
  } else if (!lineage.value.lineage) {
    body = (
      <EmptyState
        missing="data"
        title="No served model"
        description="The lineage shows once the model's InferenceService exists."
      />
    );
  } else {
    const { gaps } = lineage.value.lineage;
    body = (
      <>
        <ModelLineageTable
          lineage={lineage.value.lineage}
          trainingTabUrl={trainingTabUrl}
        />
        {gaps.map(gap => (
          <Alert severity="info" key={gap.step}>
            {gap.step === 'run'
              ? `The served model's run is not known: ${gap.reason}. The training pipeline records it on the InferenceService (${MLOPS_SERVED_RUN_ANNOTATION}) when it promotes a model.`
              : `The lineage stops here: ${gap.reason}.`}
          </Alert>
        ))}
      </>
    );
  }
  return (
    <Grid item xs={12}>
      <SectionCard
        title="Where the served model comes from"
        subheader="The commit the image was built from → image build → validation job → training run → model version → serving"
        onRefresh={lineage.refresh}
      >
        {body}
      </SectionCard>
    </Grid>
  );
}
