export { EntityMlopsNotebookCard } from './EntityMlopsNotebookCard';
