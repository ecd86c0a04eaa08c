import type { MlopsPipelineRunSummary } from '@backstage-mlops/plugin-mlops-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { RunComparison } from '../RunComparison';
import { SectionCard } from '../SectionCard';

/** How many runs a comparison takes at most. @internal */
export const MAX_COMPARED_RUNS = 4;

/**
 * Props of {@link RunComparisonCard}.
 *
 * @internal
 */
export interface RunComparisonCardProps {
  runs: MlopsPipelineRunSummary[];
  onRemove: (run: MlopsPipelineRunSummary) => void;
  onClear: () => void;
}

/**
 * The card of the runs picked in the runs table: side by side once there are two,
 * a hint until then.
 *
 * @internal
 */
export function RunComparisonCard(props: RunComparisonCardProps) {
  const { runs } = props;
  return (
    <SectionCard
      title="Compare runs"
      subheader={`Pick 2 to ${MAX_COMPARED_RUNS} runs with the Compare checkboxes of the runs table`}
      action={<Button onClick={props.onClear}>Clear</Button>}
    >
      {runs.length < 2 ? (
        <Typography variant="body2" role="status">
          {runs[0]?.name} picked: pick one more run to compare.
        </Typography>
      ) : (
        <RunComparison runs={runs} onRemove={props.onRemove} />
      )}
    </SectionCard>
  );
}
