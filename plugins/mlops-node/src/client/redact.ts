const REDACTED = '[REDACTED]';

/**
 * A function that removes credentials from a text before it goes into an error message
 * or a log line: the given secrets (a configured token, …), bearer tokens and anything
 * shaped like a JWT (ServiceAccount tokens read from files are JWTs).
 *
 * @internal
 */
export type Redactor = (text: string) => string;

/**
 * Makes a {@link Redactor} for the given secrets. Secrets shorter than 6 characters are
 * ignored (they would blank out ordinary words).
 *
 * @internal
 */
export function createRedactor(secrets: Array<string | undefined>): Redactor {
  const literal = secrets
    .filter((s): s is string => typeof s === 'string' && s.length >= 6)
    .sort((a, b) => b.length - a.length);
  return text => {
    let out = text;
    for (const secret of literal) {
      out = out.split(secret).join(REDACTED);
    }
    return out
      .replace(/(bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`)
      .replace(
        /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
        REDACTED,
      );
  };
}
