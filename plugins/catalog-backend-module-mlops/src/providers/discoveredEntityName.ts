import { createHash } from 'node:crypto';

const MAX_NAME_LENGTH = 63;
const PLAIN_PART = /^[A-Za-z0-9]([-A-Za-z0-9_]*[A-Za-z0-9])?$/;
const HASH_LENGTH = 8;

/**
 * The catalog name of a discovered entity: its readable parts joined by `.`, e.g.
 * `anomaly-detector.mlops-demo.dev` (model, namespace, cluster). Stable: it depends
 * only on the parts. When a part holds characters an entity name cannot (or a `.`),
 * when the identity has more to it than the readable parts, or when the result would
 * exceed Backstage's 63 characters, the readable parts are cleaned and cut, and an
 * 8-character hash of the full identity is appended, so distinct identities keep
 * distinct names.
 *
 * @param readable - the parts that make the name readable
 * @param identity - what the entity stands for (default: the readable parts)
 * @internal
 */
export function discoveredEntityName(
  readable: string[],
  identity: string[] = readable,
): string {
  const plain = readable.join('.');
  const sameIdentity =
    identity.length === readable.length &&
    identity.every((part, i) => part === readable[i]);
  if (
    sameIdentity &&
    readable.every(part => PLAIN_PART.test(part)) &&
    plain.length <= MAX_NAME_LENGTH
  ) {
    return plain;
  }
  const hash = createHash('sha256')
    .update(JSON.stringify(identity))
    .digest('hex')
    .slice(0, HASH_LENGTH);
  const cleaned = readable
    .map(part => part.replace(/[^A-Za-z0-9_-]+/g, '-'))
    .join('.')
    .replace(/[-_.]{2,}/g, '-');
  const prefix = cleaned
    .slice(0, MAX_NAME_LENGTH - HASH_LENGTH - 1)
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[^A-Za-z0-9]+$/, '');
  return prefix ? `${prefix}-${hash}` : hash;
}
