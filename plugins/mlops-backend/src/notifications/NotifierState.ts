import type { Knex } from 'knex';
import { NOTIFIER_STATE_TABLE } from '../database/migrations';
import { sha256 } from '../database/sha256';

interface Row {
  key_hash: string;
  state_key: string;
  value: string;
  updated_at: number | string;
}

/**
 * What one observation of a remembered state found.
 *
 * - `first`: nothing was remembered; the value is now;
 * - `same`: the remembered value is the observed one;
 * - `changed`: this call changed it from `previous` (on one replica only);
 * - `changed-elsewhere`: another replica changed it meanwhile.
 *
 * @internal
 */
export type Observation =
  | { kind: 'first' }
  | { kind: 'same' }
  | { kind: 'changed'; previous: string }
  | { kind: 'changed-elsewhere' };

/**
 * Small states the notifier keeps in the plugin's database, shared by every replica
 * and kept across restarts: an InferenceService's last readiness, and since when this
 * database has notified. A change is a compare-and-set (`UPDATE … WHERE value = old`),
 * so of two replicas that see the same change exactly one is told it changed it.
 *
 * @internal
 */
export class NotifierState {
  static create(knex: Knex): NotifierState {
    return new NotifierState(knex);
  }

  private constructor(private readonly knex: Knex) {}

  /** Records the observed value of a state; see {@link Observation}. */
  async observe(
    key: string,
    value: string,
    now: number = Date.now(),
  ): Promise<Observation> {
    const keyHash = sha256(key);
    const row = await this.read(keyHash);
    if (!row) {
      return (await this.insert(keyHash, key, value, now))
        ? { kind: 'first' }
        : this.observe(key, value, now);
    }
    if (row.value === value) {
      return { kind: 'same' };
    }
    const updated = await this.knex(NOTIFIER_STATE_TABLE)
      .where({ key_hash: keyHash, value: row.value })
      .update({ value, updated_at: now });
    return updated === 1
      ? { kind: 'changed', previous: row.value }
      : { kind: 'changed-elsewhere' };
  }

  /**
   * The value of a state, set to `initial` when it has none (the first replica to ask
   * decides it for all).
   */
  async getOrInit(key: string, initial: string): Promise<string> {
    const keyHash = sha256(key);
    const row = await this.read(keyHash);
    if (row) return row.value;
    await this.insert(keyHash, key, initial, Date.now());
    return (await this.read(keyHash))?.value ?? initial;
  }

  private async read(keyHash: string): Promise<Row | undefined> {
    return this.knex<Row>(NOTIFIER_STATE_TABLE)
      .where({ key_hash: keyHash })
      .first();
  }

  /** Inserts the state; false when another replica inserted it first. */
  private async insert(
    keyHash: string,
    key: string,
    value: string,
    now: number,
  ): Promise<boolean> {
    try {
      await this.knex(NOTIFIER_STATE_TABLE).insert({
        key_hash: keyHash,
        state_key: key,
        value,
        updated_at: now,
      });
      return true;
    } catch (error) {
      if (await this.read(keyHash)) return false;
      throw error;
    }
  }
}
