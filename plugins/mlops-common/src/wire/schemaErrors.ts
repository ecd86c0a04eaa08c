/**
 * Formats the issues of a failed parse of one of the backstage-mlops request schemas as
 * one sentence for an `InputError`. Every issue message of those schemas starts with
 * the name of the field it is about, e.g. `limit must be a whole number from 1 to 200`.
 *
 * @public
 */
export function describeMlopsSchemaError(error: {
  issues: ReadonlyArray<{ message: string }>;
}): string {
  return error.issues.map(issue => issue.message).join('; ');
}
