/**
 * Catalog module of backstage-mlops.
 *
 * @packageDocumentation
 */
export { catalogModuleMlops as default } from './module';
export { MlopsEntityModelProcessor } from './processors/MlopsEntityModelProcessor';
