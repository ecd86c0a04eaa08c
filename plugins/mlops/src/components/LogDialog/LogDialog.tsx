import { LogViewer } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { MlopsEntityRef, MlopsLogTarget } from '../../api/MlopsApi';
import { useMlopsLog, type MlopsLogState } from '../../hooks/useMlopsLog';
import { backendMessage } from '../../lib/backendMessage';
import { downloadText } from '../../lib/downloadText';
import { logTargetName } from '../../lib/logTargetName';

const useStyles = makeStyles(theme => ({
  viewer: { height: '60vh', minHeight: 240 },
  notice: { marginBottom: theme.spacing(1) },
  status: { minHeight: theme.spacing(3) },
}));

/**
 * Props of {@link LogDialog}.
 *
 * @internal
 */
export interface LogDialogProps {
  entityRef: MlopsEntityRef;
  target: MlopsLogTarget;
  /** What the log is of, e.g. `Step train of task train-model`. */
  title: string;
  /** The step or build still runs: follow the log as it is written. */
  follow: boolean;
  onClose: () => void;
}

function kibibytes(bytes: number): string {
  return `${Math.round(bytes / 1024)} KiB`;
}

function statusText(log: MlopsLogState, follow: boolean): string {
  if (log.phase === 'loading') return 'Loading the log…';
  if (log.phase === 'streaming') {
    return follow ? 'Following the log as it is written…' : 'Reading the log…';
  }
  if (log.error) return 'The log could not be read to its end.';
  return follow
    ? 'The log stream has closed (the step or build ended, or the follow time ran out).'
    : 'The whole log is shown.';
}

function emptyText(log: MlopsLogState, follow: boolean): string {
  return follow && log.phase === 'streaming'
    ? 'No output yet: lines appear here as they are written.'
    : 'No output: the log is empty.';
}

/**
 * The log of a training step or an image build in a dialog, in the Backstage
 * `LogViewer` (ANSI colours, search, links to lines). A running step or build is
 * followed, its text appended as it arrives; a finished one is read once. Closing
 * the dialog stops the read. Shows the backend's message when the log cannot be
 * read (the pod is gone, no access), and says when the log was cut at the limit.
 *
 * @internal
 */
export function LogDialog(props: LogDialogProps) {
  const classes = useStyles();
  const log = useMlopsLog(props.entityRef, props.target, {
    follow: props.follow,
  });
  const titleId = 'mlops-log-dialog-title';
  const fileName = `${logTargetName(props.target)}.log`;

  let body;
  if (log.phase === 'loading' && !log.error) {
    body = <LinearProgress aria-label="Loading the log" />;
  } else if (log.text.length === 0) {
    body = log.error ? undefined : (
      <Typography variant="body2">{emptyText(log, props.follow)}</Typography>
    );
  } else {
    body = (
      <Box className={classes.viewer}>
        <LogViewer
          text={log.text}
          onDownloadLog={() => downloadText(fileName, log.text)}
        />
      </Box>
    );
  }

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="lg"
    >
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent>
        <Typography
          variant="caption"
          component="div"
          role="status"
          className={classes.status}
        >
          {statusText(log, props.follow)}
        </Typography>
        {log.error && (
          <Alert
            severity="error"
            className={classes.notice}
            action={
              <Button color="inherit" size="small" onClick={log.retry}>
                Retry
              </Button>
            }
          >
            {backendMessage(log.error)}
          </Alert>
        )}
        {log.truncated && (
          <Alert severity="warning" className={classes.notice}>
            The log is longer than shown: reading stopped at{' '}
            {log.limitBytes !== undefined
              ? kibibytes(log.limitBytes)
              : 'the limit'}{' '}
            (the backend's mlops.logs.maxKilobytes).
          </Alert>
        )}
        {body}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
