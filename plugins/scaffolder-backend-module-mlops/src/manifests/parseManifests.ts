import { InputError } from '@backstage/errors';
import { parseAllDocuments } from 'yaml';
import type { SourcedManifest } from './types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses the YAML documents of one file into Kubernetes objects (a `List` is
 * flattened; empty documents are skipped). Throws `InputError` naming the file, the
 * document and the line or the missing field.
 *
 * @public
 */
export function parseManifests(
  text: string,
  source: string,
): SourcedManifest[] {
  const manifests: SourcedManifest[] = [];
  parseAllDocuments(text).forEach((doc, document) => {
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      throw new InputError(
        `${source}: document ${document + 1} is not valid YAML: ${
          first.message.split('\n')[0]
        }`,
      );
    }
    const value = doc.toJS();
    if (value === null || value === undefined) {
      return;
    }
    const objects =
      isRecord(value) && value.kind === 'List' && Array.isArray(value.items)
        ? value.items
        : [value];
    for (const object of objects) {
      const where = `${source}: document ${document + 1}`;
      if (!isRecord(object)) {
        throw new InputError(`${where} is not a Kubernetes object`);
      }
      for (const field of ['apiVersion', 'kind'] as const) {
        if (typeof object[field] !== 'string' || !object[field]) {
          throw new InputError(`${where} has no ${field}`);
        }
      }
      const metadata = object.metadata;
      if (!isRecord(metadata) || typeof metadata.name !== 'string') {
        throw new InputError(
          `${where} (${String(
            object.kind,
          )}) has no metadata.name (generateName is not supported by server-side apply)`,
        );
      }
      manifests.push({
        source,
        document,
        object: object as SourcedManifest['object'],
      });
    }
  });
  return manifests;
}
