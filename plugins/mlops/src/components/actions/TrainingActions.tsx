import {
  type MlopsPipelineRunSummary,
  isMlopsRunFinished,
  mlopsTrainingCancelPermission,
  mlopsTrainingRunPermission,
} from '@backstage-mlops/plugin-mlops-common';
import { useState } from 'react';
import type { MlopsEntityRef } from '../../api/MlopsApi';
import { useMlopsMutation } from '../../hooks/useMlopsMutation';
import { entityRefKey } from '../../lib/entityRefKey';
import { ConfirmedActionButton } from './ConfirmedActionButton';
import { PermittedButton } from './PermittedButton';
import { RunTrainingDialog } from './RunTrainingDialog';

/**
 * Props of {@link RunTrainingButton}.
 *
 * @internal
 */
export interface RunTrainingButtonProps {
  entityRef: MlopsEntityRef;
  pipeline: string;
}

/**
 * "Run training": a dialog with the pipeline's params, then a new PipelineRun
 * (it appears in the table through the live channel).
 *
 * @internal
 */
export function RunTrainingButton(props: RunTrainingButtonProps) {
  const [open, setOpen] = useState(false);
  const { run, running } = useMlopsMutation(props.entityRef);
  return (
    <>
      <PermittedButton
        permission={mlopsTrainingRunPermission}
        resourceRef={entityRefKey(props.entityRef)}
        deniedWhat="run training"
        variant="contained"
        busy={running !== undefined}
        onClick={() => setOpen(true)}
      >
        Run training
      </PermittedButton>
      {open && (
        <RunTrainingDialog
          entityRef={props.entityRef}
          pipeline={props.pipeline}
          onClose={() => setOpen(false)}
          onSubmit={params =>
            run(
              { action: 'run-training', body: { params } },
              {
                what: 'Run training',
                done: r => `Started training run ${r.object.name}`,
              },
            )
          }
        />
      )}
    </>
  );
}

/**
 * Props of {@link RunRowActions}.
 *
 * @internal
 */
export interface RunRowActionsProps {
  entityRef: MlopsEntityRef;
  pipeline: string;
  run: MlopsPipelineRunSummary;
}

/**
 * The actions of one training run: rerun it (its params, editable), and cancel it
 * while it has not finished (after a confirmation).
 *
 * @internal
 */
export function RunRowActions(props: RunRowActionsProps) {
  const { run: runMutation, running } = useMlopsMutation(props.entityRef);
  const [rerunning, setRerunning] = useState(false);
  const resourceRef = entityRefKey(props.entityRef);
  const name = props.run.name;
  const finished = isMlopsRunFinished(props.run.status);
  return (
    <>
      <PermittedButton
        permission={mlopsTrainingRunPermission}
        resourceRef={resourceRef}
        deniedWhat="run training"
        variant="text"
        busy={running === 'rerun-training'}
        onClick={() => setRerunning(true)}
      >
        Rerun
      </PermittedButton>
      {!finished && (
        <ConfirmedActionButton
          permission={mlopsTrainingCancelPermission}
          resourceRef={resourceRef}
          deniedWhat="cancel training runs"
          variant="text"
          busy={running === 'cancel-training'}
          unavailable={
            props.run.status === 'Cancelling' ? 'Already cancelling' : undefined
          }
          confirmTitle={`Cancel ${name}?`}
          confirmLabel="Cancel run"
          consequences="Its running tasks stop and its finally tasks do not run. The run stays in the history as Cancelled."
          onConfirm={() =>
            runMutation(
              { action: 'cancel-training', run: name },
              {
                what: `Cancelling ${name}`,
                done: () => `Asked ${name} to stop`,
              },
            )
          }
        >
          Cancel
        </ConfirmedActionButton>
      )}
      {rerunning && (
        <RunTrainingDialog
          entityRef={props.entityRef}
          pipeline={props.pipeline}
          rerunOf={name}
          onClose={() => setRerunning(false)}
          onSubmit={params =>
            runMutation(
              { action: 'rerun-training', run: name, body: { params } },
              {
                what: `Rerun of ${name}`,
                done: r => `Started ${r.object.name}, a rerun of ${name}`,
              },
            )
          }
        />
      )}
    </>
  );
}
