import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  MlopsClusterClient,
  MlopsKubernetesObject,
} from '@backstage-mlops/plugin-mlops-node';
import type { JsonValue } from '@backstage/types';
import type { RunActionOptions } from '../actions/runActionOptions';
import { DEFAULT_POLL_INTERVAL_MS } from '../actions/runActionOptions';
import type { RequiredApi } from '../platform/modelProjectRequirements';
import { checkpointKey } from './checkpointKey';
import { deferInDryRun } from './deferInDryRun';
import { requireServedApi } from './requireServedApi';
import { DEFAULT_WAIT_SECONDS, type ScaffolderZod } from './runInput';
import { waitUntilFinished, type RunObservation } from './waitUntilFinished';

// The steps every run-starting action (mlops:training:run, mlops:notebook:validate,
// mlops:build:start) takes in the same order: find the cluster and check its API,
// start once, wait when asked, and describe where the run is.

/** The part of the scaffolder's action context these steps use. */
export interface RunStepContext {
  isDryRun?: boolean;
  logger: LoggerService;
  signal?: AbortSignal;
  step?: { id?: string };
  each?: unknown;
  checkpoint<T extends JsonValue | void>(opts: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T>;
}

/**
 * The configured cluster the input names (or the only one) and its scaffolder-identity
 * client, once the cluster is known to serve the API the action needs.
 */
export async function clusterServing(
  options: RunActionOptions,
  action: string,
  api: RequiredApi,
  requested: string | undefined,
): Promise<{ cluster: string; client: MlopsClusterClient }> {
  const cluster = (
    await options.clusters.resolveCluster(requested || undefined)
  ).name;
  const client = options.clients.forCluster(cluster);
  await requireServedApi(client, api, action);
  return { cluster, client };
}

/**
 * Starts the run once. A real run starts in a `ctx.checkpoint` keyed by the action,
 * the step and the request, so a retried task gets the run it already started. A dry
 * run tries the start (the API server's server-side dry run) and is deferred
 * (`undefined`, with a warning) when what it needs does not exist yet. A missing object
 * becomes a NotFoundError with `notFound`'s message, which names what to fix.
 */
export async function startOnce<T extends JsonValue>(
  ctx: RunStepContext,
  options: {
    action: string;
    request: unknown;
    notFound: () => string;
    start: (dryRun: boolean) => Promise<T>;
  },
): Promise<T | undefined> {
  const start = async () => {
    try {
      return await options.start(Boolean(ctx.isDryRun));
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new NotFoundError(
          `${options.action}: ${options.notFound()}: ${error.message}`,
          error,
        );
      }
      throw error;
    }
  };
  if (ctx.isDryRun) {
    return start().catch(error => deferInDryRun(error, ctx.logger));
  }
  return ctx.checkpoint({
    key: checkpointKey(options.action, ctx, options.request),
    fn: start,
  });
}

/**
 * With `wait` (never in a dry run): reads the object until it is finished, logging
 * each change of status, bounded by `timeoutSeconds`. `undefined` when not waiting.
 */
export async function finishedWhenAsked(
  ctx: RunStepContext,
  options: {
    input: { wait?: boolean; timeoutSeconds?: number };
    client: MlopsClusterClient;
    resource: Parameters<MlopsClusterClient['getObject']>[0]['resource'];
    namespace: string;
    name: string;
    what: string;
    observe: (object: MlopsKubernetesObject, what: string) => RunObservation;
    pollIntervalMs?: number;
  },
): Promise<RunObservation | undefined> {
  if (!options.input.wait || ctx.isDryRun) return undefined;
  const { client, resource, namespace, name, what } = options;
  return waitUntilFinished({
    what,
    observe: async () =>
      options.observe(
        await client.getObject({ resource, namespace, name }),
        what,
      ),
    timeoutSeconds: options.input.timeoutSeconds ?? DEFAULT_WAIT_SECONDS,
    pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    logger: ctx.logger,
    signal: ctx.signal,
  });
}

/** The outputs every run-starting action has: where the run is, and the link. */
export function runLocationOutputs(noun: string) {
  return {
    cluster: (z: ScaffolderZod) =>
      z.string().describe(`The cluster the ${noun} was started on.`),
    namespace: (z: ScaffolderZod) =>
      z.string().describe(`The namespace of the ${noun}.`),
    url: (z: ScaffolderZod) =>
      z
        .string()
        .optional()
        .describe("The model's Training tab in the portal (with entityRef)."),
  };
}
