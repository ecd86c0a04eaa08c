export { CursorPagination } from './CursorPagination';
export type { CursorPaginationProps } from './CursorPagination';
