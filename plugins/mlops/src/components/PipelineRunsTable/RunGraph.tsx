import type {
  MlopsPipelineRunSummary,
  MlopsTaskRunSummary,
} from '@backstage-mlops/plugin-mlops-common';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState, type ReactNode } from 'react';
import { toneColor } from '../../lib/chartColors';
import { layoutRunGraph, type RunGraphNode } from '../../lib/runGraphLayout';
import { StatusIndicator } from '../StatusIndicator';
import { RunGraphTaskDialog } from './RunGraphTaskDialog';

/** Drawing sizes in px: fixed, so the layout needs no measuring. */
const NODE_WIDTH = 188;
const NODE_HEIGHT = 84;
const COLUMN_GAP = 40;
const ROW_GAP = 12;
const TOP = 24;

const useStyles = makeStyles(theme => ({
  title: { marginTop: theme.spacing(1) },
  scroller: { overflowX: 'auto', paddingBottom: theme.spacing(1) },
  canvas: { position: 'relative' },
  edges: { position: 'absolute', left: 0, top: 0, overflow: 'visible' },
  columnLabel: { position: 'absolute', top: 0 },
  node: {
    position: 'absolute',
    boxSizing: 'border-box',
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    padding: theme.spacing(0.5, 1),
    textAlign: 'left',
    font: 'inherit',
    color: theme.palette.text.primary,
    backgroundColor: theme.palette.background.paper,
    border: `1px solid ${theme.palette.divider}`,
    borderLeftWidth: 6,
    borderRadius: theme.shape.borderRadius,
    cursor: 'pointer',
    overflow: 'hidden',
    '&:hover': { backgroundColor: theme.palette.action.hover },
    '&:focus-visible': {
      outline: `3px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  nodeName: {
    fontWeight: theme.typography.fontWeightMedium as number,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  nodeLine: {
    display: 'block',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
}));

function x(column: number): number {
  return column * (NODE_WIDTH + COLUMN_GAP);
}

function y(row: number): number {
  return TOP + row * (NODE_HEIGHT + ROW_GAP);
}

/** What a node says besides its name and state, e.g. `finally · attempt 2 of 2`. */
function marksOf(node: RunGraphNode): string {
  const marks: string[] = [];
  if (node.finally) {
    marks.push('finally');
  }
  if (node.matrix) {
    marks.push(`matrix ×${node.taskRuns.length}`);
  }
  if (node.attempts) {
    marks.push(node.attempts);
  }
  if (node.skipped) {
    marks.push(node.skipped.reason);
  }
  return marks.join(' · ');
}

/**
 * Props of {@link RunGraph}.
 *
 * @internal
 */
export interface RunGraphProps {
  run: MlopsPipelineRunSummary;
  renderTaskActions?: (
    run: MlopsPipelineRunSummary,
    task: MlopsTaskRunSummary,
  ) => ReactNode;
}

/**
 * A run's task graph: each pipeline task a button in the column after the tasks it
 * waits for (`runAfter` and result references), lines for those waits, the
 * `finally` tasks in a last column; state by colour and in words (skipped with
 * Tekton's reason, retries, matrix fan-out). A task opens its details and step logs.
 * Nothing when the run has no graph yet.
 *
 * @internal
 */
export function RunGraph(props: RunGraphProps) {
  const classes = useStyles();
  const theme = useTheme();
  const { run } = props;
  const layout = useMemo(() => layoutRunGraph(run), [run]);
  const [open, setOpen] = useState<string | undefined>();
  if (!layout) {
    return null;
  }
  const byName = new Map(layout.nodes.map(n => [n.name, n]));
  const width = x(layout.columns) - COLUMN_GAP;
  const height = y(layout.rows) - ROW_GAP;
  const openNode = open ? byName.get(open) : undefined;
  const titleId = `mlops-run-graph-${run.namespace}-${run.name}`;
  return (
    <>
      <Typography variant="subtitle2" id={titleId} className={classes.title}>
        Task graph
      </Typography>
      <div className={classes.scroller}>
        <div
          className={classes.canvas}
          style={{ width, height }}
          role="group"
          aria-labelledby={titleId}
        >
          <svg
            className={classes.edges}
            width={width}
            height={height}
            aria-hidden="true"
            focusable="false"
          >
            {layout.edges.map(edge => {
              const from = byName.get(edge.from)!;
              const to = byName.get(edge.to)!;
              const x1 = x(from.column) + NODE_WIDTH;
              const y1 = y(from.row) + NODE_HEIGHT / 2;
              const x2 = x(to.column);
              const y2 = y(to.row) + NODE_HEIGHT / 2;
              const mid = (x1 + x2) / 2;
              return (
                <path
                  key={`${edge.from}->${edge.to}`}
                  d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`}
                  fill="none"
                  stroke={theme.palette.text.secondary}
                  strokeWidth={1.5}
                />
              );
            })}
            {layout.finallyColumn !== undefined && layout.finallyColumn > 0 && (
              <line
                x1={x(layout.finallyColumn) - COLUMN_GAP / 2}
                x2={x(layout.finallyColumn) - COLUMN_GAP / 2}
                y1={0}
                y2={height}
                stroke={theme.palette.text.secondary}
                strokeDasharray="4 4"
              />
            )}
          </svg>
          {layout.finallyColumn !== undefined && (
            <Typography
              variant="caption"
              component="div"
              className={classes.columnLabel}
              style={{ left: x(layout.finallyColumn) }}
            >
              finally (after all tasks)
            </Typography>
          )}
          {layout.nodes.map(node => {
            const marks = marksOf(node);
            const waits = node.after.length
              ? `, after ${node.after.join(', ')}`
              : '';
            return (
              <button
                key={node.name}
                type="button"
                className={classes.node}
                style={{
                  left: x(node.column),
                  top: y(node.row),
                  borderLeftColor: toneColor(theme, node.tone),
                }}
                aria-label={`${node.name}: ${node.state}${
                  marks ? ` (${marks})` : ''
                }${waits}. Open details`}
                aria-haspopup="dialog"
                title={`${node.name}: ${node.state}${
                  marks ? ` — ${marks}` : ''
                }`}
                onClick={() => setOpen(node.name)}
              >
                <Typography
                  variant="body2"
                  component="span"
                  className={classes.nodeLine}
                >
                  <span className={classes.nodeName}>{node.name}</span>
                </Typography>
                <Typography
                  variant="caption"
                  component="span"
                  className={classes.nodeLine}
                >
                  <StatusIndicator tone={node.tone}>
                    {node.state}
                  </StatusIndicator>
                </Typography>
                {marks && (
                  <Typography
                    variant="caption"
                    component="span"
                    className={classes.nodeLine}
                  >
                    {marks}
                  </Typography>
                )}
              </button>
            );
          })}
        </div>
      </div>
      {openNode && (
        <RunGraphTaskDialog
          run={run}
          node={openNode}
          renderTaskActions={props.renderTaskActions}
          onClose={() => setOpen(undefined)}
        />
      )}
    </>
  );
}
