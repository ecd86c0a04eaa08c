import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { DevCluster } from '../DevCluster';
import { failureOf, waitFor } from './helpers';

// The dev cluster's Tekton validating webhook (go/internal/admission) through the real
// API server: what Tekton's webhook refuses with OpenShift Pipelines' feature flags, and
// that a change of the feature-flags ConfigMap applies to the next request, as it does
// for Tekton. A cluster of its own: the test changes the flags.

const DENIED =
  'admission webhook "validation.webhook.pipeline.tekton.dev" denied the request: validation failed: ';
const namespace = 'default';
let cluster: DevCluster;
let api: CustomObjectsApi;
let core: CoreV1Api;

beforeAll(async () => {
  cluster = await DevCluster.start({
    stateDir: mkdtempSync(join(tmpdir(), 'dev-cluster-admission-')),
    controllers: false,
  });
  api = cluster.kubeConfig('admin').makeApiClient(CustomObjectsApi);
  core = cluster.kubeConfig('admin').makeApiClient(CoreV1Api);
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

const create = (plural: string, name: string, spec: object) =>
  api.createNamespacedCustomObject({
    group: 'tekton.dev',
    version: 'v1',
    namespace,
    plural,
    body: {
      apiVersion: 'tekton.dev/v1',
      kind: kindOf(plural),
      metadata: { name },
      spec,
    },
  });

function kindOf(plural: string) {
  return { pipelines: 'Pipeline', tasks: 'Task', pipelineruns: 'PipelineRun' }[
    plural
  ];
}

/** The data-source param as the ml-model template declared it before issue 21. */
const pipelineWithEnum = {
  params: [
    {
      name: 'data-source',
      type: 'string',
      default: 'synthetic',
      enum: ['synthetic', 'prometheus', 'hybrid'],
    },
  ],
  tasks: [
    {
      name: 'train',
      taskRef: { name: 'train' },
      params: [{ name: 'data-source', value: '$(params.data-source)' }],
    },
  ],
};

describe("the dev cluster's Tekton webhook, with OpenShift Pipelines' feature flags", () => {
  it('installs the feature-flags ConfigMap as the operator does: every alpha gate off', async () => {
    const flags = await core.readNamespacedConfigMap({
      name: 'feature-flags',
      namespace: 'openshift-pipelines',
    });
    expect(flags.data).toMatchObject({
      'enable-api-fields': 'beta',
      'enable-param-enum': 'false',
      'enable-cel-in-whenexpression': 'false',
    });
  });

  it('refuses a param enum until enable-param-enum is true, then admits it', async () => {
    const failure = await failureOf(
      create('pipelines', 'with-enum', pipelineWithEnum),
    );
    expect(failure).toEqual({
      code: 400,
      message: `${DENIED}feature flag \`enable-param-enum\` should be set to true to use Enum: spec.params[data-source]`,
    });

    await core.patchNamespacedConfigMap(
      {
        name: 'feature-flags',
        namespace: 'openshift-pipelines',
        body: { data: { 'enable-param-enum': 'true' } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    // The webhook follows the ConfigMap with a watch: the next requests see it.
    await waitFor(
      async () =>
        (await create('pipelines', 'with-enum', pipelineWithEnum).then(
          () => true,
          () => false,
        )) || undefined,
    );
    await core.patchNamespacedConfigMap(
      {
        name: 'feature-flags',
        namespace: 'openshift-pipelines',
        body: { data: { 'enable-param-enum': 'false' } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  });

  it('refuses CEL in a when expression (enable-cel-in-whenexpression is off)', async () => {
    const failure = await failureOf(
      create('pipelines', 'with-cel', {
        tasks: [
          { name: 't', taskRef: { name: 't' }, when: [{ cel: "'a' == 'a'" }] },
        ],
      }),
    );
    expect(failure.message).toBe(
      `${DENIED}feature flag enable-cel-in-whenexpression should be set to true to use CEL: 'a' == 'a' in WhenExpression: spec.tasks[0].when[0]`,
    );
  });

  it('refuses v1beta1-only fields where they reach it: inside an embedded Pipeline of a PipelineRun', async () => {
    const failure = await failureOf(
      create('pipelineruns', 'embedded-resources', {
        pipelineSpec: {
          tasks: [
            {
              name: 't',
              taskSpec: {
                steps: [
                  {
                    name: 's',
                    image: 'i',
                    resources: { limits: { cpu: '1' } },
                  },
                ],
              },
            },
          ],
        },
      }),
    );
    expect(failure.message).toBe(
      `${DENIED}cannot decode incoming new object: json: unknown field "resources" (in tekton.dev/v1 use computeResources): spec.pipelineSpec.tasks[0].taskSpec.steps[0].resources`,
    );
  });

  it('refuses a Task that uses a param it does not declare, and admits $(context.pipelineRun.name) in a Task as upstream does', async () => {
    const failure = await failureOf(
      create('tasks', 'undeclared', {
        params: [{ name: 'model-name' }],
        steps: [
          { name: 's', image: 'i', script: 'echo $(params.data-source)' },
        ],
      }),
    );
    expect(failure.message).toBe(
      `${DENIED}non-existent variable in "echo $(params.data-source)": spec.steps[0].script`,
    );
    // Tekton validates only context.taskRun.* and context.task.* in a Task's steps
    // (task_validation.go); a Pipeline-only variable is left as text at run time.
    await create('tasks', 'pipeline-variable', {
      steps: [
        { name: 's', image: 'i', script: 'echo $(context.pipelineRun.name)' },
      ],
    });
  });
});
