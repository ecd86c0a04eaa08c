export { EntityMlopsModelStatusCard } from './EntityMlopsModelStatusCard';
