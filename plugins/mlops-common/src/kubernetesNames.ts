import { z } from 'zod';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * A DNS-1123 label (namespaces, most object names): lower-case alphanumerics and
 * '-', starting and ending with an alphanumeric, at most 63 characters.
 *
 * @public
 */
export const dns1123LabelSchema = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(
    DNS1123_LABEL,
    "must consist of lower-case letters, digits and '-', and start and end with a letter or digit",
  );

/**
 * A DNS-1123 subdomain (Pipelines, BuildConfigs): DNS-1123 labels joined by '.', at
 * most 253 characters.
 *
 * @public
 */
export const dns1123SubdomainSchema = z
  .string()
  .max(253, 'must be at most 253 characters')
  .regex(
    DNS1123_SUBDOMAIN,
    "must consist of lower-case letters, digits, '-' and '.', and start and end with a letter or digit",
  );

/**
 * A DNS-1035 label, which KServe requires of InferenceService names: like a DNS-1123
 * label but starting with a letter.
 *
 * @public
 */
export const dns1035LabelSchema = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(
    DNS1035_LABEL,
    "must consist of lower-case letters, digits and '-', start with a letter and end with a letter or digit",
  );

/**
 * A non-empty Kubernetes label value (e.g. the `model-name` label).
 *
 * @public
 */
export const labelValueSchema = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(
    LABEL_VALUE,
    "must consist of letters, digits, '-', '_' and '.', and start and end with a letter or digit",
  );

/**
 * The name of a configured cluster.
 *
 * @public
 */
export const clusterNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters')
  .regex(/^\S+$/, 'must not contain whitespace');
