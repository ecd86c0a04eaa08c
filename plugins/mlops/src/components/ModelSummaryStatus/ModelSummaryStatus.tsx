import type { MlopsModelSummary } from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  summaryAspect,
  type SummaryAspectName,
} from '../../lib/modelSummaryStatus';
import { failureHeadline } from '../../lib/failureHeadline';
import { RelativeTime } from '../RelativeTime';
import { StatusIndicator } from '../StatusIndicator';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column' },
  // The state is one word (or two, "Timed out"): never broken inside a word, however
  // narrow the column gets (the table theme lets cells break anywhere).
  state: { whiteSpace: 'nowrap' },
  message: {
    fontFamily: 'monospace',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
});

const NONE: Record<SummaryAspectName, string> = {
  training: 'never trained',
  serving: 'not served',
  build: 'no build',
  validation: 'no validation',
};

/**
 * Props of {@link ModelSummaryStatus}.
 *
 * @internal
 */
export interface ModelSummaryStatusProps {
  summary: MlopsModelSummary;
  aspect: SummaryAspectName;
  /** Also show the detail (run name, failing condition's message). */
  detailed?: boolean;
}

/**
 * One aspect of a model at a glance: status icon and state, why (when it is
 * not fine) on its own line with the line of the failure's message that names
 * the error (the whole message on hover and in the model's tabs), and how long
 * ago.
 *
 * @internal
 */
export function ModelSummaryStatus(props: ModelSummaryStatusProps) {
  const classes = useStyles();
  const aspect = summaryAspect(props.summary, props.aspect);
  if (!aspect) {
    return <Typography variant="body2">{NONE[props.aspect]}</Typography>;
  }
  return (
    <div className={classes.root}>
      <div className={classes.state}>
        <StatusIndicator tone={aspect.tone}>{aspect.text}</StatusIndicator>
      </div>
      {aspect.reason && (
        <Typography variant="caption">{aspect.reason}</Typography>
      )}
      {aspect.message && (
        <Typography
          variant="caption"
          className={classes.message}
          title={aspect.message}
        >
          {failureHeadline(aspect.message)}
        </Typography>
      )}
      {aspect.time && (
        <Typography variant="caption">
          <RelativeTime value={aspect.time} />
        </Typography>
      )}
      {props.detailed && aspect.detail && (
        <Typography variant="caption">{aspect.detail}</Typography>
      )}
    </div>
  );
}
