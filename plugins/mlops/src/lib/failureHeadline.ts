/**
 * The one line of a failure message that names what went wrong, for places
 * with room for one line (the ML Models table, the model status card).
 *
 * A Python traceback (what a model server writes when a load fails, e.g.
 * KServe's `lastFailureInfo.message`) names the error on its last line
 * (`kserve.errors.ModelMissingError: /mnt/models`); any other message names it
 * on its first. Lines longer than `maxLength` are cut with an ellipsis.
 *
 * @internal
 */
export function failureHeadline(message: string, maxLength = 160): string {
  const lines = message
    .split('\n')
    .map(line => line.trim())
    .filter(line => line.length > 0);
  if (lines.length === 0) {
    return '';
  }
  const isTraceback = lines.some(line =>
    line.startsWith('Traceback (most recent call last)'),
  );
  const headline = isTraceback ? lines[lines.length - 1] : lines[0];
  return headline.length > maxLength
    ? `${headline.slice(0, maxLength - 1)}…`
    : headline;
}
