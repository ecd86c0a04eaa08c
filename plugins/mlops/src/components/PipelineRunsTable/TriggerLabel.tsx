import { parseEntityRef } from '@backstage/catalog-model';
import type { MlopsTrigger } from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';
import PersonIcon from '@material-ui/icons/Person';
import ScheduleIcon from '@material-ui/icons/Schedule';
import CallReceivedIcon from '@material-ui/icons/CallReceived';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  icon: { fontSize: '1rem' },
}));

function userName(ref: string): string {
  try {
    return parseEntityRef(ref, { defaultKind: 'user' }).name;
  } catch {
    return ref;
  }
}

/**
 * What started a run, in words: `Schedule (cron)`, `Webhook <listener/trigger>`,
 * `Alert <listener/trigger>`, the user's name, or `Unknown`.
 *
 * @internal
 */
export function describeTrigger(trigger: MlopsTrigger): string {
  switch (trigger.type) {
    case 'cron':
      return 'Schedule (cron)';
    case 'webhook':
      return trigger.detail ? `Webhook ${trigger.detail}` : 'Webhook';
    case 'alert':
      return trigger.detail ? `Alert ${trigger.detail}` : 'Alert';
    case 'user':
      return trigger.detail ? userName(trigger.detail) : 'A user';
    default:
      return 'Unknown';
  }
}

const ICONS = {
  cron: ScheduleIcon,
  webhook: CallReceivedIcon,
  alert: NotificationsActiveIcon,
  user: PersonIcon,
  unknown: HelpOutlineIcon,
};

/**
 * Props of {@link TriggerLabel}.
 *
 * @internal
 */
export interface TriggerLabelProps {
  trigger: MlopsTrigger;
}

/**
 * What started a run, with an icon; the full detail (e.g. the user's entity
 * ref) on hover.
 *
 * @internal
 */
export function TriggerLabel(props: TriggerLabelProps) {
  const classes = useStyles();
  const { trigger } = props;
  const Icon = ICONS[trigger.type] ?? HelpOutlineIcon;
  return (
    <span className={classes.root} title={trigger.detail}>
      <Icon className={classes.icon} />
      {describeTrigger(trigger)}
    </span>
  );
}
