import {
  type CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EmptyState, Progress } from '@backstage/core-components';
import {
  humanizeEntityRef,
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { MLOPS_ANNOTATION_NOTEBOOK_PATH } from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { useMlopsTraining } from '../../hooks/useMlopsTraining';
import {
  normalizeNotebookPath,
  notebookModelRef,
} from '../../lib/notebookModel';
import { FreshnessNotices } from '../FreshnessNotices';
import { MlopsErrorPanel } from '../MlopsErrorPanel';
import { SectionCard } from '../SectionCard';
import { ValidationJobsTable } from '../ValidationJobsTable';

/**
 * Runs asked for with the model's training data: none are needed, only the
 * validation jobs, which the backend sends as their newest page whatever the
 * limit (there is no filter by notebook path yet).
 */
const RUNS_READ = 1;
/** Validations shown on the card. */
const JOBS_SHOWN = 5;

const useStyles = makeStyles(theme => ({
  stack: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  path: { fontFamily: 'monospace', wordBreak: 'break-all' },
}));

function NotebookValidations(props: {
  modelRef: CompoundEntityRef;
  notebookPath: string;
}) {
  const classes = useStyles();
  const training = useMlopsTraining(props.modelRef, { limit: RUNS_READ });
  const modelName = humanizeEntityRef(props.modelRef, {
    defaultKind: 'component',
  });
  if (training.error) {
    return (
      <MlopsErrorPanel
        error={training.error}
        what={`validation jobs of model ${modelName}`}
        onRetry={training.refresh}
      />
    );
  }
  if (!training.value) {
    return <Progress />;
  }
  const path = normalizeNotebookPath(props.notebookPath);
  const { validationJobs, freshness, notInstalled } = training.value;
  const jobs = validationJobs.items.filter(
    job => normalizeNotebookPath(job.notebookPath) === path,
  );
  const missing = notInstalled.filter(
    n => n.resource === 'notebookvalidationjobs',
  );
  let content: ReactNode;
  if (jobs.length === 0) {
    const partial = validationJobs.totalItems > validationJobs.items.length;
    content = (
      <EmptyState
        missing="data"
        title="This notebook has not been validated yet"
        description={
          missing.length > 0
            ? `${missing[0].message}. Install the Jupyter Notebook Validator Operator to validate notebooks.`
            : `No NotebookValidationJob of model ${modelName} runs ${
                props.notebookPath
              }${
                partial
                  ? ` among its newest ${validationJobs.items.length} jobs`
                  : ''
              }. Create one for this notebook to check that it runs.`
        }
      />
    );
  } else {
    content = (
      <ValidationJobsTable
        jobs={jobs.slice(0, JOBS_SHOWN)}
        hideNotebook
        caption={`Latest validations of ${props.notebookPath}, newest first`}
      />
    );
  }
  return (
    <div className={classes.stack}>
      <Typography variant="body2">
        Validations of{' '}
        <span className={classes.path}>{props.notebookPath}</span> by model{' '}
        {modelName}
      </Typography>
      <FreshnessNotices freshness={freshness} notInstalled={missing} />
      {content}
    </div>
  );
}

/**
 * The Overview card of a `notebook` entity: the latest validations of the
 * notebook (phase, duration, per-cell results, the failure's fix), found among
 * the validation jobs of the model it belongs to (`spec.subcomponentOf`).
 *
 * @public
 */
export function EntityMlopsNotebookCard() {
  const { entity } = useEntity();
  const notebookPath =
    entity.metadata.annotations?.[MLOPS_ANNOTATION_NOTEBOOK_PATH];
  const modelRef = notebookModelRef(entity);
  let body: ReactNode;
  if (!notebookPath) {
    body = (
      <MissingAnnotationEmptyState
        annotation={MLOPS_ANNOTATION_NOTEBOOK_PATH}
      />
    );
  } else if (!modelRef) {
    body = (
      <EmptyState
        missing="field"
        title="This notebook belongs to no model"
        description="Its validations are read from the model it belongs to. Set spec.subcomponentOf to the model's entity ref, e.g. component:my-model."
      />
    );
  } else {
    body = (
      <NotebookValidations
        key={stringifyEntityRef(modelRef)}
        modelRef={modelRef}
        notebookPath={notebookPath}
      />
    );
  }
  return (
    <SectionCard title="Notebook validations" variant="gridItem">
      {body}
    </SectionCard>
  );
}
