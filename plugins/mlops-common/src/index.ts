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
export * from './permissions';
export * from './types';
