export { RunRowActions, RunTrainingButton } from './TrainingActions';
export {
  RestartServingButton,
  StartBuildButton,
  ValidateNotebookButton,
  WorkbenchActions,
} from './ResourceActions';
