/**
 * The upstream repositories the status corpus follows, at the commits its fixtures
 * were written against (the same commits as the team's cluster API reference).
 */

/** A file of an upstream project that a fixture follows. */
export interface UpstreamSource {
  /** `owner/name` on GitHub. */
  repo: string;
  /** Path of the file in the repository. */
  path: string;
  /** The commit the file was read at. */
  commit: string;
}

function at(repo: string, commit: string) {
  return (path: string): UpstreamSource => ({ repo, path, commit });
}

/** tektoncd/pipeline. */
export const tekton = at(
  'tektoncd/pipeline',
  '3ee1745ae5b2d9175b11917d7c1935eaad44910c',
);
/** kserve/kserve. */
export const kserve = at(
  'kserve/kserve',
  'aaac4e294dae2c7b1aa1886447793f3aa1c30912',
);
/** knative/serving. */
export const knativeServing = at(
  'knative/serving',
  '98e5ef90aa7033797aa0a61ef97f3ff7e49a3944',
);
/** knative/pkg. */
export const knativePkg = at(
  'knative/pkg',
  '521cb33b33ddfe74529a68ff564450c051287436',
);
/** tosin2013/jupyter-notebook-validator-operator. */
export const validator = at(
  'tosin2013/jupyter-notebook-validator-operator',
  'e2271510beee4121bec75a0f8b26f85c8f037bfd',
);
/** openshift/api. */
export const openshiftApi = at(
  'openshift/api',
  '2a3d73913b5a7caec4c57d5c3d04f51106ec4da3',
);
/** openshift/openshift-controller-manager. */
export const openshiftControllerManager = at(
  'openshift/openshift-controller-manager',
  '26d20feae8892f648f5b06ed3f5492fe6ffb4532',
);
/** kubeflow/kubeflow (its files were read at different commits). */
export function kubeflow(path: string, commit: string): UpstreamSource {
  return { repo: 'kubeflow/kubeflow', path, commit };
}
/** kubeflow/notebooks (the notebook controller's home; files read at different commits). */
export function kubeflowNotebooks(
  path: string,
  commit: string,
): UpstreamSource {
  return { repo: 'kubeflow/notebooks', path, commit };
}
/** opendatahub-io/kubeflow, OpenShift AI's fork of the notebook controller. */
export const odhKubeflow = at(
  'opendatahub-io/kubeflow',
  'f73e1cefa34834dddcb760368943e8ccb4dfd11f',
);
/** kubernetes/kubernetes (its files were read at different commits). */
export function kubernetes(path: string, commit: string): UpstreamSource {
  return { repo: 'kubernetes/kubernetes', path, commit };
}
/** openshift/builder (its files were read at different commits). */
export function openshiftBuilder(path: string, commit: string): UpstreamSource {
  return { repo: 'openshift/builder', path, commit };
}
