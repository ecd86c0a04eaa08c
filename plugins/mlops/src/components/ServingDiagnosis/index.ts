export { ServingDiagnosis } from './ServingDiagnosis';
export type { ServingDiagnosisProps } from './ServingDiagnosis';
