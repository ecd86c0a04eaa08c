import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { ReactElement, ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';

const useStyles = makeStyles(theme => ({
  figure: { margin: 0 },
  caption: { marginBottom: theme.spacing(1) },
}));

/**
 * Props of {@link ChartFigure}.
 *
 * @internal
 */
export interface ChartFigureProps {
  /** What the chart shows, in words (its `figcaption`, read by screen readers). */
  caption: ReactNode;
  height: number;
  /** The width before the container is measured (tests, first paint). */
  initialWidth: number;
  /** One recharts chart. */
  children: ReactElement;
}

/**
 * A chart as the plugin shows every chart: a `figure` whose caption says in words
 * what the chart draws, above the chart at the container's width.
 *
 * @internal
 */
export function ChartFigure(props: ChartFigureProps) {
  const classes = useStyles();
  return (
    <figure className={classes.figure}>
      <Typography
        component="figcaption"
        variant="body2"
        className={classes.caption}
      >
        {props.caption}
      </Typography>
      <ResponsiveContainer
        width="100%"
        height={props.height}
        initialDimension={{ width: props.initialWidth, height: props.height }}
      >
        {props.children}
      </ResponsiveContainer>
    </figure>
  );
}
