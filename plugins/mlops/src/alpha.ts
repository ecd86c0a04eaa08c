/**
 * The mlops frontend plugin for the new frontend system.
 *
 * @packageDocumentation
 */
export { mlopsFrontendPlugin as default } from './alpha/plugin';
