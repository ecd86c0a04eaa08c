export { EntityMlopsWorkbenchCard } from './EntityMlopsWorkbenchCard';
