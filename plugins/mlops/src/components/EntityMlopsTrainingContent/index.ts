export { EntityMlopsTrainingContent } from './EntityMlopsTrainingContent';
