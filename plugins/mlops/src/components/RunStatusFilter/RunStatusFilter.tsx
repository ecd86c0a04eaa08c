import {
  MLOPS_RUN_STATUSES,
  type MlopsRunStatus,
} from '@backstage-mlops/plugin-mlops-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { runStatusLabel } from '../../lib/statusTone';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'center',
  },
}));

/**
 * Props of {@link RunStatusFilter}.
 *
 * @internal
 */
export interface RunStatusFilterProps {
  /** The selected statuses; empty for all. */
  value: MlopsRunStatus[];
  onChange: (value: MlopsRunStatus[]) => void;
  /** The statuses to offer; all by default. */
  statuses?: readonly MlopsRunStatus[];
}

/**
 * Status filter chips: `All` plus one toggle per status; several may be on.
 *
 * @internal
 */
export function RunStatusFilter(props: RunStatusFilterProps) {
  const classes = useStyles();
  const { value, onChange } = props;
  const statuses = props.statuses ?? MLOPS_RUN_STATUSES;
  const toggle = (status: MlopsRunStatus) =>
    onChange(
      value.includes(status)
        ? value.filter(s => s !== status)
        : statuses.filter(s => s === status || value.includes(s)),
    );
  return (
    <div
      className={classes.root}
      role="group"
      aria-label="Filter runs by status"
    >
      <Chip
        label="All"
        clickable
        size="small"
        color={value.length === 0 ? 'primary' : 'default'}
        aria-pressed={value.length === 0}
        onClick={() => onChange([])}
      />
      {statuses.map(status => (
        <Chip
          key={status}
          label={runStatusLabel(status)}
          clickable
          size="small"
          variant={value.includes(status) ? 'default' : 'outlined'}
          color={value.includes(status) ? 'primary' : 'default'}
          aria-pressed={value.includes(status)}
          onClick={() => toggle(status)}
        />
      ))}
    </div>
  );
}
