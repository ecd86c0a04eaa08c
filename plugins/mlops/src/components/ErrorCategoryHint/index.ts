export { ErrorCategoryHint } from './ErrorCategoryHint';
export type { ErrorCategoryHintProps } from './ErrorCategoryHint';
