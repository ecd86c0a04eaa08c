export { EntityMlopsPipelineCard } from './EntityMlopsPipelineCard';
