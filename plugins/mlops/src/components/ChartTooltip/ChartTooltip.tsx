import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(1, 1.5), maxWidth: 320 },
}));

/**
 * Props of {@link ChartTooltip}.
 *
 * @internal
 */
export interface ChartTooltipProps {
  title: string;
  lines: string[];
}

/**
 * The tooltip of the plugin's charts: a title and lines of text, on a paper in
 * the theme's colours.
 *
 * @internal
 */
export function ChartTooltip(props: ChartTooltipProps) {
  const classes = useStyles();
  return (
    <Paper className={classes.root} elevation={3}>
      <Typography variant="subtitle2">{props.title}</Typography>
      {props.lines.map(line => (
        <Typography key={line} variant="body2">
          {line}
        </Typography>
      ))}
    </Paper>
  );
}
