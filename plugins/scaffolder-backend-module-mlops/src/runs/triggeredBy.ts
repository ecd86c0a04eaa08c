/** Who a task's changes are recorded as when it has no user: the scaffolder itself. */
export const SCAFFOLDER_SUBJECT = 'plugin:scaffolder';

/**
 * Who asked, for the `triggered-by` marks on what an action creates: the task's user
 * (`user:default/jdoe`), else the scaffolder's service subject.
 *
 * @internal
 */
export function triggeredByOf(ctx: { user?: { ref?: string } }): string {
  return ctx.user?.ref || SCAFFOLDER_SUBJECT;
}
