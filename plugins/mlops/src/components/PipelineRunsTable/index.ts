export { PipelineRunsTable } from './PipelineRunsTable';
export type { PipelineRunsTableProps } from './PipelineRunsTable';
export { PipelineRunDetails } from './PipelineRunDetails';
export type { PipelineRunDetailsProps } from './PipelineRunDetails';
export { DurationText } from './DurationText';
export type { DurationTextProps } from './DurationText';
export { TriggerLabel, describeTrigger } from './TriggerLabel';
export type { TriggerLabelProps } from './TriggerLabel';
