import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import {
  MODEL_STATUS_FILTERS,
  type ModelRowFilter,
  type ModelStatusFilter,
} from '../../lib/filterModelRows';
import { MODEL_SORTS, type ModelSortKey } from '../../lib/sortModelRows';

const useStyles = makeStyles(theme => ({
  // On a paper surface, so the field labels keep their contrast.
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    padding: theme.spacing(2),
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
 * The filters of the ML Models page: free text, owner and status, and the order.
 *
 * @internal
 */
export function ModelFilters(props: ModelFiltersProps) {
  const classes = useStyles();
  const { value, onChange } = props;
  return (
    <Paper className={classes.root} role="search" aria-label="Filter ML models">
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
      <TextField
        select
        className={classes.select}
        id="mlops-models-sort"
        label="Sort by"
        variant="outlined"
        size="small"
        value={value.sort}
        onChange={e =>
          onChange({ ...value, sort: e.target.value as ModelSortKey })
        }
      >
        {MODEL_SORTS.map(([sort, label]) => (
          <MenuItem key={sort} value={sort}>
            {label}
          </MenuItem>
        ))}
      </TextField>
    </Paper>
  );
}
