export { MlopsModelGate } from './MlopsModelGate';
export type { MlopsModelGateProps, MlopsModelView } from './MlopsModelGate';
export { AnnotationProblems } from './AnnotationProblems';
export type { AnnotationProblemsProps } from './AnnotationProblems';
