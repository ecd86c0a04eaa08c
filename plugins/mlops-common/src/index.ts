/**
 * Shared, browser-safe parts of backstage-mlops: the entity model (annotations, entity
 * types, coordinates), permissions and wire types.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './entityTypes';
export * from './kubernetesNames';
export * from './coordinates';
export * from './discovery';
export * from './namespaceOwnership';
export * from './clusterProblems';
export * from './permissions';
export * from './types';
export * from './errorCategories';
export * from './notificationTopics';
export * from './wire/common';
export * from './wire/freshness';
export * from './wire/page';
export * from './wire/runStatus';
export * from './wire/pipelineRun';
export * from './wire/runGraph';
export * from './wire/modelMetrics';
export * from './wire/modelLineage';
export * from './wire/promotionGate';
export * from './runComparison';
export * from './wire/validationJob';
export * from './wire/build';
export * from './wire/training';
export * from './wire/trainingQuery';
export * from './wire/pipelineParams';
export * from './wire/inferenceService';
export * from './wire/healthCheck';
export * from './wire/workbench';
export * from './wire/health';
export * from './wire/servingDiagnosis';
export * from './wire/summary';
export * from './wire/servingMetrics';
export * from './wire/schemaErrors';
export * from './wire/entityChangedSignal';
export * from './wire/mutations';
