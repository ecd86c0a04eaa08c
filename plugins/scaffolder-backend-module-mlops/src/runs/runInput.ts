import { InputError } from '@backstage/errors';
import type { JsonObject, JsonValue } from '@backstage/types';
import {
  clusterNameSchema,
  dns1123LabelSchema,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsGivenParamValue } from '@backstage-mlops/plugin-mlops-node';
import type { ZodType } from 'zod';
import { z as zv3 } from 'zod/v3';

/**
 * The zod the scaffolder hands to action schemas (it converts them to JSON Schema).
 *
 * @internal
 */
export type ScaffolderZod = typeof zv3;

/**
 * Input fields of an action, as the scaffolder takes them: one zod callback per field.
 *
 * @internal
 */
export type ActionInputFields = Record<
  string,
  (z: ScaffolderZod) => zv3.ZodTypeAny
>;

/** The longest a step may wait for a run: six hours. */
export const MAX_WAIT_SECONDS = 21600;
/** How long a step waits when `timeoutSeconds` is not given: 30 minutes. */
export const DEFAULT_WAIT_SECONDS = 1800;

/**
 * A string field that must pass one of mlops-common's Kubernetes name rules, so the
 * message is the same everywhere in the project.
 *
 * @internal
 */
export function nameField(z: ScaffolderZod, rule: ZodType<string>) {
  return z.string().superRefine((value, ctx) => {
    const result = rule.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: issue.message });
      }
    }
  });
}

/**
 * A JSON object field (a Kubernetes spec, say): its type is `JsonObject`, which the
 * scaffolder's `TemplateAction` requires of every input, and its JSON Schema says
 * "object" to the template editor.
 *
 * @internal
 */
export function jsonObjectField(z: ScaffolderZod): zv3.ZodType<JsonObject> {
  const value: zv3.ZodType<JsonValue> = z.lazy(() =>
    z.union([
      z.string(),
      z.number(),
      z.boolean(),
      z.null(),
      z.array(value),
      z.record(value),
    ]),
  );
  return z.record(value);
}

/**
 * A catalog entity ref field: a full `kind:namespace/name` (what the catalog and the
 * permission framework take).
 *
 * @internal
 */
export function entityRefField(z: ScaffolderZod) {
  return z.string().superRefine((value, ctx) => {
    if (!isFullEntityRef(value)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          'must be a full entity ref: kind:namespace/name, e.g. component:default/my-model',
      });
    }
  });
}

/**
 * Fields every run-starting action takes: where, whether to wait, and the entity to link.
 *
 * @internal
 */
export const runTargetFields = {
  cluster: (z: ScaffolderZod) =>
    nameField(z, clusterNameSchema)
      .optional()
      .describe(
        'Name of a configured cluster; may be omitted when the portal has exactly one.',
      ),
  namespace: (z: ScaffolderZod) =>
    nameField(z, dns1123LabelSchema).describe(
      "Namespace of the model's objects (DNS-1123 label).",
    ),
  wait: (z: ScaffolderZod) =>
    z
      .boolean()
      .optional()
      .describe(
        'Wait until it finishes, with progress in the task log (default false: the step ends once it is started).',
      ),
  timeoutSeconds: (z: ScaffolderZod) =>
    z
      .number()
      .int()
      .min(1)
      .max(MAX_WAIT_SECONDS)
      .optional()
      .describe(
        `With wait: how long to wait at most, in seconds (default ${DEFAULT_WAIT_SECONDS}, at most ${MAX_WAIT_SECONDS}); past it the step fails naming the last status, and the run goes on on the cluster.`,
      ),
  entityRef: (z: ScaffolderZod) =>
    entityRefField(z)
      .optional()
      .describe(
        "The model's catalog entity (e.g. component:default/my-model): the user who started the task must hold the portal's mlops permission for this act on it (the step waits up to 60 s for an entity an earlier step registered), the cluster, namespace, model name, pipeline and BuildConfig given must be the ones its annotations name, and the step links to its Training tab. Without it, only the template's own permission applies.",
      ),
};

/**
 * Param values as a template gives them: strings, numbers, booleans, string arrays or
 * string objects.
 *
 * @internal
 */
export function paramsField(z: ScaffolderZod) {
  return z.record(
    z.union([
      z.string(),
      z.number(),
      z.boolean(),
      z.array(z.string()),
      z.record(z.string()),
    ]),
  ) as zv3.ZodType<Record<string, MlopsGivenParamValue>>;
}

/**
 * The parsed input of an action with the given fields.
 *
 * @internal
 */
export type ParsedActionInput<F extends ActionInputFields> = {
  [K in keyof F]: zv3.infer<ReturnType<F[K]>>;
};

/**
 * Checks an action's input against the same fields the scaffolder shows and validates
 * in templates: an `InputError` names every bad or unknown field.
 *
 * @internal
 */
export function parseActionInput<F extends ActionInputFields>(
  action: string,
  fields: F,
  input: unknown,
): ParsedActionInput<F> {
  const schema = zv3
    .object(
      Object.fromEntries(
        Object.entries(fields).map(([key, field]) => [key, field(zv3)]),
      ),
    )
    .strict();
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue =>
      issue.path.length > 0
        ? `${issue.path.join('.')} ${issue.message}`
        : issue.message,
    );
    throw new InputError(`${action}: invalid input: ${problems.join('; ')}`);
  }
  return parsed.data as ParsedActionInput<F>;
}

/** True for `kind:namespace/name` (what the catalog and the permission framework take). */
function isFullEntityRef(value: string): boolean {
  return /^[^:/]+:[^:/]+\/[^:/]+$/.test(value);
}
