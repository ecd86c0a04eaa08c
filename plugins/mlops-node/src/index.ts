/**
 * Backend-side services of backstage-mlops shared by the backend plugin and its
 * catalog and scaffolder modules.
 *
 * @packageDocumentation
 */
export * from './clusters/types';
export { readClusterDescriptors } from './clusters/readClusterDescriptors';
export { DefaultMlopsClusterRegistry } from './clusters/DefaultMlopsClusterRegistry';
export { mlopsClusterRegistryServiceRef } from './services';
export * from './kinds/objectMeta';
export * from './kinds/tekton';
export * from './kinds/notebookValidationJob';
export * from './kinds/openshiftBuild';
export * from './kinds/kserve';
export * from './kinds/workbench';
export * from './kinds/resourceKinds';
export * from './cache/types';
