import { makeStyles } from '@material-ui/core/styles';
import Table, { type TableProps } from '@material-ui/core/Table';

// The Backstage theme lets table cells break inside words (`word-break: break-word`),
// so in a narrow card a status or a header became "Succee ded" or "Durati on". Here
// words stay whole: a column is at least as wide as its longest word, and long names
// still break at their hyphens (monospace paths and images keep their own break-all).
const useStyles = makeStyles({
  root: { '& th, & td': { wordBreak: 'normal' } },
});

/**
 * A Material UI `Table` whose cells break lines between words only.
 *
 * @internal
 */
export function WholeWordTable(props: TableProps) {
  const classes = useStyles();
  const { className, ...rest } = props;
  return (
    <Table
      {...rest}
      className={className ? `${classes.root} ${className}` : classes.root}
    />
  );
}
