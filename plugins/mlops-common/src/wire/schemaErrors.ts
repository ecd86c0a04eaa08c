/**
 * Formats the issues of a failed parse of one of the backstage-mlops request schemas as
 * one sentence for an `InputError`, each issue naming the field it is about: an issue
 * whose message does not start with its field gets the field's path in front (e.g.
 * `params.data-source must be a string`); messages that already start with it (e.g.
 * `limit must be a whole number from 1 to 200`) are kept as they are.
 *
 * @public
 */
export function describeMlopsSchemaError(error: {
  issues: ReadonlyArray<{ message: string; path?: ReadonlyArray<PropertyKey> }>;
}): string {
  return error.issues
    .map(({ message, path = [] }) => {
      if (path.length === 0 || message.startsWith(String(path[0]))) {
        return message;
      }
      return `${path.map(String).join('.')} ${message}`;
    })
    .join('; ');
}
