/**
 * Catalog module of backstage-mlops: discovery of models, training pipelines and
 * notebooks from clusters, and the checks of the entity model.
 *
 * @packageDocumentation
 */
export { catalogModuleMlops as default } from './module';
export { MlopsEntityModelProcessor } from './processors/MlopsEntityModelProcessor';
export { MlopsEntityProvider } from './providers/MlopsEntityProvider';
export {
  readMlopsProviderConfig,
  type MlopsEntityProviderConfig,
} from './providers/readMlopsProviderConfig';
