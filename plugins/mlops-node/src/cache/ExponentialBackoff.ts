/**
 * Options of {@link ExponentialBackoff}.
 *
 * @internal
 */
export interface ExponentialBackoffOptions {
  /** The first delay (default 1 s). */
  initialMs?: number;
  /** The cap (default 30 s). */
  maxMs?: number;
  /** Growth per failure (default 2). */
  factor?: number;
  /** Fraction of each delay that is random (default 0.5: "equal jitter"). */
  jitter?: number;
  /** A [0, 1) random source (tests pass a fixed one). */
  random?: () => number;
}

/**
 * Capped exponential backoff with jitter, for reconnecting watches and retrying
 * discovery: 1 s, 2 s, 4 s, … up to 30 s, each delay randomly shortened by up to half
 * so that many watches failing together do not retry in lockstep.
 *
 * @internal
 */
export class ExponentialBackoff {
  static create(options?: ExponentialBackoffOptions): ExponentialBackoff {
    return new ExponentialBackoff(
      options?.initialMs ?? 1_000,
      options?.maxMs ?? 30_000,
      options?.factor ?? 2,
      Math.min(Math.max(options?.jitter ?? 0.5, 0), 1),
      options?.random ?? Math.random,
    );
  }

  private failures = 0;

  private constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly factor: number,
    private readonly jitter: number,
    private readonly random: () => number,
  ) {}

  /** The delay before the next attempt; each call counts one more failure. */
  next(): number {
    const base = Math.min(
      this.maxMs,
      this.initialMs * this.factor ** Math.min(this.failures, 64),
    );
    this.failures++;
    return Math.round(base * (1 - this.jitter * this.random()));
  }

  /** Failures since the last success. */
  get attempts(): number {
    return this.failures;
  }

  /** Called after a success: the next failure starts again at the first delay. */
  reset(): void {
    this.failures = 0;
  }
}
