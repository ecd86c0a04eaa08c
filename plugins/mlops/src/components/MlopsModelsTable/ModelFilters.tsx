import MenuItem from '@material-ui/core/MenuItem';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import {
  MODEL_STATUS_FILTERS,
  type ModelRowFilter,
  type ModelStatusFilter,
} from '../../lib/filterModelRows';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
  },
  text: { minWidth: 260 },
  select: { minWidth: 200 },
}));

/**
 * Props of {@link ModelFilters}.
 *
 * @internal
 */
export interface ModelFiltersProps {
  value: ModelRowFilter;
  onChange: (value: ModelRowFilter) => void;
  /** The owners to offer, as shown. */
  owners: string[];
}

/**
 * The filters of the ML Models page: free text, owner and status.
 *
 * @internal
 */
export function ModelFilters(props: ModelFiltersProps) {
  const classes = useStyles();
  const { value, onChange } = props;
  return (
    <div className={classes.root} role="search" aria-label="Filter ML models">
      <TextField
        className={classes.text}
        id="mlops-models-text-filter"
        label="Filter models"
        placeholder="Name, owner, system or namespace"
        variant="outlined"
        size="small"
        value={value.text}
        onChange={e => onChange({ ...value, text: e.target.value })}
      />
      <TextField
        select
        className={classes.select}
        id="mlops-models-owner-filter"
        label="Owner"
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={{ shrink: true }}
        variant="outlined"
        size="small"
        value={value.owner}
        onChange={e => onChange({ ...value, owner: e.target.value })}
      >
        <MenuItem value="">All owners</MenuItem>
        {props.owners.map(owner => (
          <MenuItem key={owner} value={owner}>
            {owner}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        className={classes.select}
        id="mlops-models-status-filter"
        label="Status"
        variant="outlined"
        size="small"
        value={value.status}
        onChange={e =>
          onChange({ ...value, status: e.target.value as ModelStatusFilter })
        }
      >
        {MODEL_STATUS_FILTERS.map(([status, label]) => (
          <MenuItem key={status} value={status}>
            {label}
          </MenuItem>
        ))}
      </TextField>
    </div>
  );
}
