import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 0),
  },
}));

const number = new Intl.NumberFormat('en');

/**
 * Props of {@link CursorPagination}.
 *
 * @internal
 */
export interface CursorPaginationProps {
  /** Index of the current page, from 0 (pages are newest first). */
  pageIndex: number;
  pageSize: number;
  /** Items on the current page. */
  itemCount: number;
  /** Items across all pages. */
  totalItems: number;
  /** What is counted, e.g. `runs`. */
  noun: string;
  hasOlder: boolean;
  onNewer: () => void;
  onOlder: () => void;
  /** True while a page loads; the buttons wait. */
  loading?: boolean;
}

/**
 * Newer/older paging over a cursor-paginated list, with the position in words
 * (`Runs 26–50 of 1,000`).
 *
 * @internal
 */
export function CursorPagination(props: CursorPaginationProps) {
  const classes = useStyles();
  const first = props.pageIndex * props.pageSize + 1;
  const last = props.pageIndex * props.pageSize + props.itemCount;
  const noun = props.noun.charAt(0).toUpperCase() + props.noun.slice(1);
  return (
    <nav className={classes.root} aria-label={`Pages of ${props.noun}`}>
      <Typography variant="body2" role="status">
        {props.itemCount === 0
          ? `No ${props.noun}`
          : `${noun} ${number.format(first)}–${number.format(
              last,
            )} of ${number.format(props.totalItems)}`}
      </Typography>
      <Button
        size="small"
        startIcon={<ChevronLeftIcon />}
        disabled={props.pageIndex === 0 || props.loading}
        onClick={props.onNewer}
      >
        Newer
      </Button>
      <Button
        size="small"
        endIcon={<ChevronRightIcon />}
        disabled={!props.hasOlder || props.loading}
        onClick={props.onOlder}
      >
        Older
      </Button>
    </nav>
  );
}
