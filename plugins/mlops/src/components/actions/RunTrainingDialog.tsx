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
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef, type MlopsEntityRef } from '../../api/MlopsApi';
import { backendMessage } from '../../lib/backendMessage';

/** Params whose values are fixed by the model, shown but not editable. */
const FIXED = new Set(['model-name']);
/** ADR-053's choices, offered as lists. */
const CHOICES: Record<string, string[]> = {
  'data-source': ['synthetic', 'prometheus', 'hybrid'],
  'health-check-enabled': ['true', 'false'],
};

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
 * The params of a new training run, prefilled with what the backend would send:
 * the Pipeline's defaults, the model's own values and, for a rerun, the run's
 * params (read with a server-side dry run, so the cluster has already accepted
 * them). Lists for ADR-053's choices; `model-name` is the entity's and fixed.
 *
 * @internal
 */
export function RunTrainingDialog(props: RunTrainingDialogProps) {
  const mlopsApi = useApi(mlopsApiRef);
  const [values, setValues] = useState<Record<string, string>>({});
  const preview = useAsync(async () => {
    const response = await mlopsApi.runAction(
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
  const valueOf = (name: string, fallback: MlopsParamValue) =>
    values[name] ??
    (typeof fallback === 'string' ? fallback : JSON.stringify(fallback));

  const submit = () => {
    const params: Record<string, MlopsParamValue> = {};
    for (const { name, value } of preview.value ?? []) {
      if (!FIXED.has(name)) {
        params[name] = typeof value === 'string' ? valueOf(name, value) : value;
      }
    }
    props.onClose();
    props.onSubmit(params);
  };

  let body;
  if (preview.loading) {
    body = <Progress />;
  } else if (preview.error) {
    body = (
      <Alert severity="error">
        The cluster would not accept a run: {backendMessage(preview.error)}
      </Alert>
    );
  } else {
    body = (preview.value ?? []).map(({ name, value }) => {
      const editable = typeof value === 'string' && !FIXED.has(name);
      const choices = CHOICES[name];
      return (
        <TextField
          key={name}
          id={`mlops-param-${name}`}
          label={name}
          value={valueOf(name, value)}
          onChange={e => setValues(v => ({ ...v, [name]: e.target.value }))}
          disabled={!editable}
          helperText={FIXED.has(name) ? 'The model of this entity' : undefined}
          select={editable && choices !== undefined}
          fullWidth
          margin="dense"
          variant="outlined"
        >
          {editable &&
            choices?.map(choice => (
              <MenuItem key={choice} value={choice}>
                {choice}
              </MenuItem>
            ))}
        </TextField>
      );
    });
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
          disabled={!preview.value}
        >
          Start run
        </Button>
      </DialogActions>
    </Dialog>
  );
}
