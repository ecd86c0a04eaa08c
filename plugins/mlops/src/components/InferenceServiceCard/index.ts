export { InferenceServiceCard } from './InferenceServiceCard';
export type { InferenceServiceCardProps } from './InferenceServiceCard';
