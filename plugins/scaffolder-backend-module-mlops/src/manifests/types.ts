import type { MlopsKubernetesObject } from '@backstage-mlops/plugin-mlops-node';

/**
 * One object read from the workspace, with where it came from (for messages).
 *
 * @public
 */
export interface SourcedManifest {
  /** Workspace-relative file, or `<overlay> (kustomize)` for a rendered overlay. */
  source: string;
  /** Position of the YAML document in that file (0-based). */
  document: number;
  object: MlopsKubernetesObject & {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string };
  };
}
