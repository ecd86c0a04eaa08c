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
