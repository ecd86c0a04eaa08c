export { LogDialog } from './LogDialog';
export type { LogDialogProps } from './LogDialog';
export { LogButton } from './LogButton';
export type { LogButtonProps } from './LogButton';
export { StepLogButtons } from './StepLogButtons';
export type { StepLogButtonsProps } from './StepLogButtons';
export { BuildLogButton } from './BuildLogButton';
export type { BuildLogButtonProps } from './BuildLogButton';
