import { Link } from '@backstage/core-components';
import type {
  MlopsConditionStatus,
  MlopsModelLineage,
} from '@backstage-mlops/plugin-mlops-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { RelativeTime } from '../RelativeTime';
import { conditionTone } from '../../lib/statusTone';
import { RunStatusIndicator, StatusIndicator } from '../StatusIndicator';
import { VisuallyHidden } from '../VisuallyHidden';
import { WholeWordTable } from '../WholeWordTable';

/**
 * Props of {@link ModelLineageTable}.
 *
 * @internal
 */
export interface ModelLineageTableProps {
  lineage: MlopsModelLineage;
  /** The Training tab of the model, e.g. `/catalog/default/component/x/training`. */
  trainingTabUrl?: string;
}

const READY_WORDS: Record<MlopsConditionStatus, string> = {
  True: 'Ready',
  False: 'Not ready',
  Unknown: 'Readiness unknown',
};

interface Step {
  step: string;
  what: ReactNode;
  status?: ReactNode;
  when?: string;
  detail?: ReactNode;
}

function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

/**
 * The served model's lineage as one row per link, from the source to the server:
 * commit → image build → validation job → training run → model version → serving.
 * A link the platform's objects do not carry has no row; the section says why.
 *
 * @internal
 */
export function ModelLineageTable(props: ModelLineageTableProps) {
  const { lineage, trainingTabUrl } = props;
  const { commit, build, validationJob, run, serving } = lineage;
  const toTraining = (text: string, query?: string) =>
    trainingTabUrl ? (
      <Link to={`${trainingTabUrl}${query ?? ''}`}>{text}</Link>
    ) : (
      text
    );
  const steps: Step[] = [];
  if (commit) {
    const short = commit.sha.slice(0, 12);
    steps.push({
      step: 'Source commit',
      what: commit.url ? (
        <Link to={commit.url} aria-label={`Commit ${commit.sha}`}>
          {short}
        </Link>
      ) : (
        <span title={commit.sha}>{short}</span>
      ),
      detail: [
        commit.message,
        commit.author && `by ${commit.author}`,
        commit.repository,
      ]
        .filter(Boolean)
        .join(' · '),
    });
  }
  if (build) {
    steps.push({
      step: 'Image build',
      what: toTraining(build.name),
      status: <RunStatusIndicator status={build.status} />,
      when: build.completedAt,
      detail: (
        <span title={build.imageDigest}>
          image {shortDigest(build.imageDigest)}
        </span>
      ),
    });
  }
  if (validationJob) {
    steps.push({
      step: 'Validation job',
      what: toTraining(validationJob.name),
      status: <RunStatusIndicator status={validationJob.status} />,
      when: validationJob.completedAt,
      detail: (
        <>
          {validationJob.notebookPath} at {validationJob.gitRef}
          {validationJob.imageDigest && (
            <span title={validationJob.image}>
              {' '}
              on image {shortDigest(validationJob.imageDigest)}
            </span>
          )}
        </>
      ),
    });
  }
  if (run) {
    steps.push({
      step: 'Training run',
      what: toTraining(run.name, `?run=${encodeURIComponent(run.name)}`),
      status: <RunStatusIndicator status={run.status} />,
      when: run.completedAt,
      detail: run.metrics
        ?.map(m => `${m.name} ${Number(m.value.toPrecision(4))}`)
        .join(', '),
    });
  }
  if (serving.modelVersion) {
    steps.push({
      step: 'Model version',
      what: serving.modelVersion,
      detail: serving.storageUri && `served from ${serving.storageUri}`,
    });
  }
  steps.push({
    step: 'Serving',
    what: `InferenceService ${serving.inferenceService}`,
    status: (
      <StatusIndicator tone={conditionTone(serving.ready)}>
        {READY_WORDS[serving.ready]}
      </StatusIndicator>
    ),
    when: serving.servingSince,
    detail: [
      serving.revision && `revision ${serving.revision}`,
      serving.servingSince &&
        (serving.servingSinceFrom === 'promotion'
          ? 'serving since the promotion rolled out'
          : 'serving since it became Ready'),
    ]
      .filter(Boolean)
      .join(' · '),
  });

  return (
    <WholeWordTable size="small">
      <VisuallyHidden component="caption">
        Lineage of the served model, from its source commit to its server
      </VisuallyHidden>
      <TableHead>
        <TableRow>
          <TableCell>Step</TableCell>
          <TableCell>What</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>When</TableCell>
          <TableCell>Detail</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {steps.map(s => (
          <TableRow key={s.step}>
            <TableCell component="th" scope="row">
              {s.step}
            </TableCell>
            <TableCell>{s.what}</TableCell>
            <TableCell>{s.status ?? '—'}</TableCell>
            <TableCell>
              <RelativeTime value={s.when} />
            </TableCell>
            <TableCell>
              <Typography variant="body2">{s.detail || '—'}</Typography>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </WholeWordTable>
  );
}
