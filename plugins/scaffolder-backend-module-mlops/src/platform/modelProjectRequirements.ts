/**
 * An API group version a model project needs, and what provides it (for messages).
 *
 * @public
 */
export interface RequiredApi {
  /** `group/version`, e.g. `tekton.dev/v1`. */
  groupVersion: string;
  /** Resource plurals of that version the project uses. */
  resources: string[];
  /** What installs it, e.g. `Tekton Pipelines`. */
  providedBy: string;
}

/**
 * A resource the scaffolder identity must be able to change in the model's namespace.
 *
 * @public
 */
export interface RequiredAccess {
  /** API group (`''` for the core group). */
  group: string;
  resource: string;
  verbs: string[];
}

/**
 * The APIs the "New ML model" template's objects use (ADR-023's platform detection,
 * extended to every API the template creates objects of).
 *
 * @public
 */
export const MODEL_PROJECT_APIS: RequiredApi[] = [
  {
    groupVersion: 'tekton.dev/v1',
    resources: ['pipelines', 'tasks', 'pipelineruns'],
    providedBy: 'Tekton Pipelines (OpenShift Pipelines)',
  },
  {
    groupVersion: 'triggers.tekton.dev/v1beta1',
    resources: ['eventlisteners', 'triggertemplates', 'triggerbindings'],
    providedBy: 'Tekton Triggers (OpenShift Pipelines)',
  },
  {
    groupVersion: 'serving.kserve.io/v1beta1',
    resources: ['inferenceservices'],
    providedBy: 'KServe (OpenShift AI model serving)',
  },
  {
    groupVersion: 'build.openshift.io/v1',
    resources: ['buildconfigs'],
    providedBy: 'OpenShift builds (S2I)',
  },
  {
    groupVersion: 'image.openshift.io/v1',
    resources: ['imagestreams'],
    providedBy: 'the OpenShift image registry API',
  },
  {
    groupVersion: 'mlops.mlops.dev/v1alpha1',
    resources: ['notebookvalidationjobs'],
    providedBy: 'the Jupyter Notebook Validator operator',
  },
  {
    groupVersion: 'kubeflow.org/v1',
    resources: ['notebooks'],
    providedBy: 'the OpenShift AI workbench (Kubeflow notebook) controller',
  },
  {
    groupVersion: 'route.openshift.io/v1',
    resources: ['routes'],
    providedBy: 'OpenShift routes',
  },
  {
    groupVersion: 'monitoring.coreos.com/v1',
    resources: ['prometheusrules'],
    providedBy: 'OpenShift monitoring (Prometheus Operator)',
  },
  {
    groupVersion: 'monitoring.coreos.com/v1beta1',
    resources: ['alertmanagerconfigs'],
    providedBy: 'OpenShift monitoring (Prometheus Operator)',
  },
];

/** Server-side apply creates missing objects and patches existing ones. */
const APPLY = ['create', 'patch'];

/**
 * What the template applies into the namespace (k8s/base of the skeleton), plus the
 * rights the generated pipeline Role grants (RBAC lets only a holder grant them) and
 * `bind` of the Tekton Triggers role the EventListener's ServiceAccount is bound to.
 *
 * @public
 */
export const MODEL_PROJECT_ACCESS: RequiredAccess[] = [
  { group: '', resource: 'serviceaccounts', verbs: APPLY },
  { group: '', resource: 'persistentvolumeclaims', verbs: APPLY },
  { group: 'rbac.authorization.k8s.io', resource: 'roles', verbs: APPLY },
  {
    group: 'rbac.authorization.k8s.io',
    resource: 'rolebindings',
    verbs: APPLY,
  },
  { group: 'tekton.dev', resource: 'pipelines', verbs: APPLY },
  { group: 'tekton.dev', resource: 'tasks', verbs: APPLY },
  { group: 'triggers.tekton.dev', resource: 'eventlisteners', verbs: APPLY },
  { group: 'triggers.tekton.dev', resource: 'triggertemplates', verbs: APPLY },
  { group: 'triggers.tekton.dev', resource: 'triggerbindings', verbs: APPLY },
  { group: 'batch', resource: 'cronjobs', verbs: APPLY },
  { group: 'image.openshift.io', resource: 'imagestreams', verbs: APPLY },
  { group: 'build.openshift.io', resource: 'buildconfigs', verbs: APPLY },
  { group: 'kubeflow.org', resource: 'notebooks', verbs: APPLY },
  { group: 'serving.kserve.io', resource: 'inferenceservices', verbs: APPLY },
  { group: 'route.openshift.io', resource: 'routes', verbs: APPLY },
  { group: 'networking.k8s.io', resource: 'networkpolicies', verbs: APPLY },
  { group: 'monitoring.coreos.com', resource: 'prometheusrules', verbs: APPLY },
  {
    group: 'monitoring.coreos.com',
    resource: 'alertmanagerconfigs',
    verbs: APPLY,
  },
  // Granted to the pipeline's ServiceAccount by the generated Role (ADR-053).
  {
    group: 'mlops.mlops.dev',
    resource: 'notebookvalidationjobs',
    verbs: ['create', 'get', 'list', 'watch', 'delete'],
  },
  {
    group: 'serving.kserve.io',
    resource: 'inferenceservices',
    verbs: ['get', 'update'],
  },
  { group: '', resource: 'pods', verbs: ['get', 'list', 'watch'] },
  { group: '', resource: 'pods/log', verbs: ['get', 'list', 'watch'] },
  // The first run waits for the first image build (ImageStream status).
  { group: 'image.openshift.io', resource: 'imagestreams', verbs: ['get'] },
  // mlops:training:run: the first run (list: earlier runs supply params).
  {
    group: 'tekton.dev',
    resource: 'pipelineruns',
    verbs: ['create', 'get', 'list'],
  },
];

/**
 * The ClusterRole the EventListener's ServiceAccount is bound to (installed by Tekton
 * Triggers); binding it needs `bind` on it.
 *
 * @public
 */
export const EVENTLISTENER_CLUSTER_ROLE = 'tekton-triggers-eventlistener-roles';

/**
 * The frameworks the ml-model template offers.
 *
 * @public
 */
export const MODEL_FRAMEWORKS = ['sklearn', 'xgboost', 'pytorch'] as const;

/**
 * One of {@link MODEL_FRAMEWORKS}.
 *
 * @public
 */
export type ModelFramework = (typeof MODEL_FRAMEWORKS)[number];

/**
 * The ServingRuntime a framework's InferenceService names, the model format it must
 * serve, and how a project gets it. OpenShift AI installs no cluster-wide runtime; it
 * ships them as templates in its namespace (opendatahub-io/odh-model-controller
 * config/runtimes/): `mlserver-runtime-template` creates ServingRuntime
 * `mlserver-runtime` (sklearn 0/1, xgboost 1/2, KServe v2), `kserve-ovms` creates
 * `kserve-ovms` (onnx 1, KServe v2). None of these formats is auto-selected, so the
 * InferenceService names the runtime.
 *
 * @public
 */
export interface ServingRuntimeRequirement {
  framework: ModelFramework;
  runtime: string;
  modelFormat: { name: string; version: string };
  /** The protocol the pipeline's post-deployment check speaks. */
  protocolVersion: 'v2';
  /** What serves the framework, for messages. */
  servedBy: string;
  /** The OpenShift AI template that creates the runtime. */
  template: string;
}

/**
 * {@link ServingRuntimeRequirement} by framework, as templates/ml-model's serving.yaml
 * renders it.
 *
 * @public
 */
export const MODEL_PROJECT_SERVING_RUNTIMES: Readonly<
  Record<ModelFramework, ServingRuntimeRequirement>
> = {
  sklearn: {
    framework: 'sklearn',
    runtime: 'mlserver-runtime',
    modelFormat: { name: 'sklearn', version: '1' },
    protocolVersion: 'v2',
    servedBy: 'MLServer',
    template: 'mlserver-runtime-template',
  },
  xgboost: {
    framework: 'xgboost',
    runtime: 'mlserver-runtime',
    modelFormat: { name: 'xgboost', version: '2' },
    protocolVersion: 'v2',
    servedBy: 'MLServer',
    template: 'mlserver-runtime-template',
  },
  pytorch: {
    framework: 'pytorch',
    runtime: 'kserve-ovms',
    modelFormat: { name: 'onnx', version: '1' },
    protocolVersion: 'v2',
    servedBy: 'OpenVINO Model Server (the model is exported to ONNX)',
    template: 'kserve-ovms',
  },
};

/**
 * The access modes the template offers for the model volume.
 *
 * @public
 */
export const MODEL_VOLUME_ACCESS_MODES = [
  'ReadWriteMany',
  'ReadWriteOnce',
] as const;

/**
 * One of {@link MODEL_VOLUME_ACCESS_MODES}.
 *
 * @public
 */
export type ModelVolumeAccessMode = (typeof MODEL_VOLUME_ACCESS_MODES)[number];
