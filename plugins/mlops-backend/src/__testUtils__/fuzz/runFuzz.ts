import type { FuzzCase } from './cases';

/**
 * The failure classes of a fuzz run.
 *
 * - `5xx`: a server error for a bad input;
 * - `unnamed-4xx`: a 4xx whose error does not name the input: the text searched is the
 *   Backstage error body's `error.message` plus its `error.cause` (the details, e.g. a
 *   ZodError's issues with their paths), or the scaffolder's `errors` list; it must
 *   contain one of the case's `names` (the field, param, header or annotation),
 *   case-insensitively;
 * - `accepted`: a 2xx/3xx for an input that is bad;
 * - `no-answer`: the connection failed or no status within the timeout (a crash or a
 *   hang).
 *
 * @internal
 */
export type FuzzFailureClass = '5xx' | 'unnamed-4xx' | 'accepted' | 'no-answer';

/**
 * What a fuzz run saw.
 *
 * @internal
 */
export interface FuzzReport {
  inputs: number;
  byStatus: Record<string, number>;
  byTarget: Record<string, number>;
  failures: Record<FuzzFailureClass, number>;
  /** The first few examples of each failure class. */
  examples: Record<FuzzFailureClass, string[]>;
}

const EXAMPLES = 5;

function errorText(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { error, errors } = body as {
    error?: { message?: unknown; cause?: unknown };
    errors?: unknown;
  };
  if (error && typeof error.message === 'string') {
    return `${error.message} ${error.cause ? JSON.stringify(error.cause) : ''}`;
  }
  if (Array.isArray(errors)) return JSON.stringify(errors);
  return undefined;
}

/** Sends one case; resolves to its status (0: no answer) and error text. */
async function send(
  baseUrl: string,
  c: FuzzCase,
  auth: Record<string, string>,
  timeoutMs: number,
): Promise<{ status: number; text?: string; detail?: string }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const res = await fetch(`${baseUrl}${c.path}`, {
      method: c.method,
      headers: { ...auth, ...c.headers },
      body: c.body,
      signal: abort.signal,
    });
    if (res.ok && c.stream) {
      abort.abort();
      return { status: res.status };
    }
    const raw = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    return {
      status: res.status,
      text: errorText(parsed),
      detail: raw.slice(0, 300),
    };
  } catch (error) {
    return { status: 0, detail: String((error as Error)?.cause ?? error) };
  } finally {
    clearTimeout(timer);
  }
}

/** The failure class of one answer, if it is one. */
export function classify(
  c: FuzzCase,
  answer: { status: number; text?: string },
): FuzzFailureClass | undefined {
  if (answer.status === 0) return 'no-answer';
  if (answer.status >= 500) return '5xx';
  if (!c.names) return undefined;
  if (answer.status < 400) return 'accepted';
  const text = (answer.text ?? '').toLocaleLowerCase('en-US');
  return c.names.some(
    name => name !== '' && text.includes(name.toLocaleLowerCase('en-US')),
  )
    ? undefined
    : 'unnamed-4xx';
}

/**
 * Sends `count` cases from `next`, `concurrency` at a time, and reports. `auth` are
 * headers every request carries (the caller's token).
 *
 * @internal
 */
export async function runFuzz(options: {
  baseUrl: string;
  next: () => FuzzCase;
  count: number;
  concurrency?: number;
  auth?: () => Promise<Record<string, string>>;
  timeoutMs?: number;
  onProgress?: (done: number) => void;
}): Promise<FuzzReport> {
  const report: FuzzReport = {
    inputs: 0,
    byStatus: {},
    byTarget: {},
    failures: { '5xx': 0, 'unnamed-4xx': 0, accepted: 0, 'no-answer': 0 },
    examples: { '5xx': [], 'unnamed-4xx': [], accepted: [], 'no-answer': [] },
  };
  // Generated up front, in order, so the seed alone decides the inputs.
  const cases = Array.from({ length: options.count }, () => options.next());
  let index = 0;
  const worker = async () => {
    while (index < cases.length) {
      const c = cases[index++];
      const auth = options.auth ? await options.auth() : {};
      const answer = await send(
        options.baseUrl,
        c,
        auth,
        options.timeoutMs ?? 30_000,
      );
      report.inputs += 1;
      const status = answer.status === 0 ? 'no answer' : String(answer.status);
      report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
      report.byTarget[c.target] = (report.byTarget[c.target] ?? 0) + 1;
      const failure = classify(c, answer);
      if (failure) {
        report.failures[failure] += 1;
        if (report.examples[failure].length < EXAMPLES) {
          report.examples[failure].push(
            `${c.target} | ${c.mutation} -> ${status}${
              c.names ? ` (must name ${c.names.join(' or ')})` : ''
            }: ${answer.text ?? answer.detail ?? ''}`.slice(0, 700),
          );
        }
      }
      options.onProgress?.(report.inputs);
    }
  };
  await Promise.all(
    Array.from({ length: options.concurrency ?? 8 }, () => worker()),
  );
  return report;
}

/**
 * The report as lines to print.
 *
 * @internal
 */
export function formatFuzzReport(report: FuzzReport): string[] {
  const lines = [
    `inputs: ${report.inputs}`,
    `by status: ${Object.entries(report.byStatus)
      .sort()
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ')}`,
    `5xx: ${report.failures['5xx']}`,
    `4xx without the field named: ${report.failures['unnamed-4xx']}`,
    `bad input accepted (2xx): ${report.failures.accepted}`,
    `no answer (crash, reset or hang): ${report.failures['no-answer']}`,
  ];
  for (const [failure, examples] of Object.entries(report.examples)) {
    if (examples.length === 0) continue;
    lines.push(`first examples of ${failure}:`);
    lines.push(...examples.map(e => `  ${e}`));
  }
  return lines;
}

/** The number of failures of a report. */
export function fuzzFailures(report: FuzzReport): number {
  return Object.values(report.failures).reduce((a, b) => a + b, 0);
}
