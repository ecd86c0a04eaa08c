import { createHash } from 'node:crypto';

/**
 * A `ctx.checkpoint` key that is the same each time a task runs the same step with the
 * same input (so a retried task finds what it created), and differs between steps of one
 * task and between `each` iterations: `<action>.<step id>.<hash of the input>`.
 *
 * @internal
 */
export function checkpointKey(
  action: string,
  ctx: { step?: { id?: string }; each?: unknown },
  input: unknown,
): string {
  const hash = createHash('sha256')
    .update(JSON.stringify({ input, each: ctx.each ?? null }))
    .digest('hex')
    .slice(0, 16);
  return `${action}.${ctx.step?.id ?? 'step'}.${hash}`;
}
