import type { SlimObjectMeta } from '../kinds/objectMeta';

type Keyed = { metadata: SlimObjectMeta };

/**
 * The result of replacing every object at once (a relist): what was added, changed
 * (a different resourceVersion) or removed.
 *
 * @internal
 */
export interface ObjectIndexDiff<T> {
  added: T[];
  modified: T[];
  deleted: T[];
}

/**
 * The in-memory objects of one cluster and kind, indexed by namespace and by the
 * kind's `indexedLabels`, so a namespace or an indexed-label query is a map lookup.
 * Other label queries filter the namespace's objects.
 *
 * @internal
 */
export class ObjectIndex<T extends Keyed> {
  static create<T extends Keyed>(
    indexedLabels: readonly string[],
  ): ObjectIndex<T> {
    return new ObjectIndex<T>(indexedLabels);
  }

  /** namespace → name → object */
  private byNamespace = new Map<string, Map<string, T>>();
  /** label key → namespace → label value → name → object */
  private byLabel = new Map<string, Map<string, Map<string, Map<string, T>>>>();
  private count = 0;

  private constructor(private readonly indexedLabels: readonly string[]) {
    this.clear();
  }

  get size(): number {
    return this.count;
  }

  get(namespace: string, name: string): T | undefined {
    return this.byNamespace.get(namespace)?.get(name);
  }

  /** Adds or replaces an object; returns the one it replaced. */
  upsert(object: T): T | undefined {
    const { namespace, name } = object.metadata;
    const previous = this.remove(namespace, name);
    let names = this.byNamespace.get(namespace);
    if (!names) {
      names = new Map();
      this.byNamespace.set(namespace, names);
    }
    names.set(name, object);
    for (const key of this.indexedLabels) {
      const value = object.metadata.labels?.[key];
      if (value !== undefined) {
        const namespaces = this.byLabel.get(key)!;
        let values = namespaces.get(namespace);
        if (!values) {
          values = new Map();
          namespaces.set(namespace, values);
        }
        let byName = values.get(value);
        if (!byName) {
          byName = new Map();
          values.set(value, byName);
        }
        byName.set(name, object);
      }
    }
    this.count++;
    return previous;
  }

  /** Removes an object; returns it. */
  remove(namespace: string, name: string): T | undefined {
    const names = this.byNamespace.get(namespace);
    const existing = names?.get(name);
    if (!names || !existing) {
      return undefined;
    }
    names.delete(name);
    if (!names.size) {
      this.byNamespace.delete(namespace);
    }
    for (const key of this.indexedLabels) {
      const value = existing.metadata.labels?.[key];
      if (value === undefined) {
        continue;
      }
      const values = this.byLabel.get(key)!.get(namespace);
      const byName = values?.get(value);
      byName?.delete(name);
      if (byName && !byName.size) {
        values!.delete(value);
        if (!values!.size) {
          this.byLabel.get(key)!.delete(namespace);
        }
      }
    }
    this.count--;
    return existing;
  }

  /**
   * Objects of a namespace, optionally with a name and labels that must all match.
   * An indexed label narrows the candidates to a map lookup.
   */
  query(
    namespace: string,
    name?: string,
    labels?: Record<string, string>,
  ): T[] {
    const entries = Object.entries(labels ?? {});
    const matches = (object: T) =>
      entries.every(([k, v]) => object.metadata.labels?.[k] === v);
    if (name !== undefined) {
      const object = this.get(namespace, name);
      return object && matches(object) ? [object] : [];
    }
    let candidates: Iterable<T> | undefined;
    let smallest = Infinity;
    for (const [key, value] of entries) {
      const index = this.byLabel.get(key);
      if (index) {
        const byName = index.get(namespace)?.get(value);
        if (!byName) {
          return [];
        }
        if (byName.size < smallest) {
          smallest = byName.size;
          candidates = byName.values();
        }
      }
    }
    candidates ??= this.byNamespace.get(namespace)?.values() ?? [];
    const out: T[] = [];
    for (const object of candidates) {
      if (matches(object)) {
        out.push(object);
      }
    }
    return out;
  }

  /** Every object. */
  values(): T[] {
    const out: T[] = [];
    for (const names of this.byNamespace.values()) {
      out.push(...names.values());
    }
    return out;
  }

  /** Replaces every object with `objects` and says what changed. */
  replaceAll(objects: Iterable<T>): ObjectIndexDiff<T> {
    const old = this.byNamespace;
    this.clear();
    const diff: ObjectIndexDiff<T> = { added: [], modified: [], deleted: [] };
    for (const object of objects) {
      const { namespace, name, resourceVersion } = object.metadata;
      const before = old.get(namespace)?.get(name);
      if (this.upsert(object)) {
        continue; // a duplicate in the input: the later one wins
      }
      if (!before) {
        diff.added.push(object);
      } else {
        old.get(namespace)!.delete(name);
        if (before.metadata.resourceVersion !== resourceVersion) {
          diff.modified.push(object);
        }
      }
    }
    for (const names of old.values()) {
      for (const object of names.values()) {
        if (!this.get(object.metadata.namespace, object.metadata.name)) {
          diff.deleted.push(object);
        }
      }
    }
    return diff;
  }

  /** Removes every object. */
  clear(): void {
    this.byNamespace = new Map();
    this.byLabel = new Map(this.indexedLabels.map(key => [key, new Map()]));
    this.count = 0;
  }
}
