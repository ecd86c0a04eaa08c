import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { MlopsParamValue } from '@backstage-mlops/plugin-mlops-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef, type MlopsEntityRef } from '../../api/MlopsApi';
import { backendMessage } from '../../lib/backendMessage';
import { namespaceRefusal } from '../../lib/namespaceRefusal';
import {
  missingParams,
  paramsToSend,
  paramText,
  trainingParamRows,
} from '../../lib/trainingParamRows';

/**
 * Props of {@link RunTrainingDialog}.
 *
 * @internal
 */
export interface RunTrainingDialogProps {
  entityRef: MlopsEntityRef;
  pipeline: string;
  /** A run to rerun: its params are the starting values. */
  rerunOf?: string;
  onClose: () => void;
  /** Starts the run with these params (the dialog closes first). */
  onSubmit: (params: Record<string, MlopsParamValue>) => void;
}

/**
 * Names the missing params in one sentence, e.g. `notebook-path and git-url`.
 */
function listNames(names: string[]): string {
  return names.length === 1
    ? names[0]
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The params of a new training run: every param the training Pipeline declares,
 * prefilled with what the backend would send (the Pipeline's defaults, the model's
 * own values and, for a rerun, the run's params, read with a server-side dry run).
 * A param without default and without value is marked required and blocks Start
 * until it is filled in. Lists for allowed values; `model-name` is the entity's and
 * fixed. Without the Pipeline's declaration, the dry run's params are shown.
 *
 * @internal
 */
export function RunTrainingDialog(props: RunTrainingDialogProps) {
  const mlopsApi = useApi(mlopsApiRef);
  const [values, setValues] = useState<Record<string, string>>({});
  const declared = useAsync(
    () => mlopsApi.getTrainingPipelineParams(props.entityRef),
    [mlopsApi, props.entityRef],
  );
  const preview = useAsync(async () => {
    const response = await mlopsApi.runMutation(
      props.entityRef,
      props.rerunOf
        ? {
            action: 'rerun-training',
            run: props.rerunOf,
            body: { dryRun: true },
          }
        : { action: 'run-training', body: { dryRun: true } },
    );
    return response.params ?? [];
  }, [mlopsApi, props.entityRef, props.rerunOf]);

  const title = props.rerunOf
    ? `Rerun ${props.rerunOf}`
    : `Run training pipeline ${props.pipeline}`;
  const loading = declared.loading || preview.loading;
  const rows =
    declared.value || preview.value
      ? trainingParamRows(declared.value?.params, preview.value)
      : undefined;
  const missing = rows ? missingParams(rows, values) : [];

  const submit = () => {
    if (!rows) return;
    props.onClose();
    props.onSubmit(paramsToSend(rows, values));
  };

  // The trial run's answer when the model's namespace does not allow its owner: no
  // run can start, whatever the params.
  const refusal = namespaceRefusal(preview.error);

  let body;
  if (loading) {
    body = <Progress />;
  } else if (refusal) {
    body = (
      <Alert severity="warning">
        <AlertTitle>{refusal.title}</AlertTitle>
        {backendMessage(preview.error!)}
      </Alert>
    );
  } else if (!rows) {
    const failure = preview.error ?? declared.error;
    body = (
      <Alert severity="error">
        The cluster would not accept a run:{' '}
        {failure ? backendMessage(failure) : 'no answer'}
      </Alert>
    );
  } else {
    body = (
      <>
        {preview.error && (
          <Alert severity="info">
            A trial run with these values was refused:{' '}
            {backendMessage(preview.error)}
          </Alert>
        )}
        {rows.map(row => {
          const editable = row.type === 'string' && !row.fixed;
          const value = values[row.name] ?? paramText(row.initial);
          const isMissing = missing.includes(row.name);
          let helperText: string | undefined = row.description;
          if (row.fixed) {
            helperText = 'The model of this entity';
          } else if (isMissing) {
            helperText = `Required: Pipeline ${
              props.pipeline
            } gives it no default${
              row.description ? ` (${row.description})` : ''
            }`;
          }
          return (
            <TextField
              key={row.name}
              id={`mlops-param-${row.name}`}
              label={row.name}
              value={value}
              onChange={e =>
                setValues(v => ({ ...v, [row.name]: e.target.value }))
              }
              disabled={!editable}
              required={row.required}
              error={isMissing}
              helperText={helperText}
              select={editable && row.choices !== undefined}
              fullWidth
              margin="dense"
              variant="outlined"
            >
              {editable &&
                row.choices?.map(choice => (
                  <MenuItem key={choice} value={choice}>
                    {choice}
                  </MenuItem>
                ))}
            </TextField>
          );
        })}
        {missing.length > 0 && (
          <Alert severity="warning" role="status">
            Enter {listNames(missing)} to start the run: the Pipeline gives{' '}
            {missing.length === 1 ? 'it' : 'them'} no default.
          </Alert>
        )}
      </>
    );
  }
  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby="mlops-run-training-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="mlops-run-training-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          A new PipelineRun with these params, labelled with the model and with
          you as the one who started it. It appears in the table at once.
        </DialogContentText>
        {body}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={!rows || missing.length > 0 || refusal !== undefined}
        >
          Start run
        </Button>
      </DialogActions>
    </Dialog>
  );
}
