export { EntityMlopsHealthContent } from './EntityMlopsHealthContent';
