export {
  ModelLineageSection,
  type ModelLineageSectionProps,
} from './ModelLineageSection';
export {
  ModelLineageTable,
  type ModelLineageTableProps,
} from './ModelLineageTable';
