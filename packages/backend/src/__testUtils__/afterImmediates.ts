/**
 * Resolves after the given number of event-loop turns (`setImmediate`), letting
 * promises and I/O run but never a timer: the tests of the portal's patches use it
 * where timers are fake, or to tell "done without a timer" from "waiting for one".
 */
export async function afterImmediates(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) {
    await new Promise(resolve => setImmediate(resolve));
  }
}
