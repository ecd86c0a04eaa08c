import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { scaffolderClusters } from '../__testUtils__/clusters';
import { entityResolver } from '../__testUtils__/entityResolver';
import { createBuildStartAction } from './buildStart';
import { examples as buildExamples } from './buildStart.examples';
import { createNotebookValidateAction } from './notebookValidate';
import { examples as notebookExamples } from './notebookValidate.examples';
import { recordingAuditor } from '@backstage-mlops/plugin-mlops-node/testUtils';
import { createTrainingRunAction } from './trainingRun';
import { examples as trainingExamples } from './trainingRun.examples';

// The three run-starting actions before any cluster is contacted: their schemas, input
// problems named by field, and their documented examples. What they do on a cluster is
// tested against the dev cluster (src/integration/runActions.integration.test.ts).

const { config, registry, clients } = scaffolderClusters([
  { name: 'dev', url: 'https://127.0.0.1:1' },
]);
const deps = {
  clusters: registry,
  // The demo namespace allows the examples' model's owner.
  entities: entityResolver(registry, config, {
    'mlops-demo': { 'mlops.backstage.io/allowed-owners': 'team-a' },
  }),
  clients,
  appBaseUrl: 'http://localhost:3000',
  // Everyone may act; the examples' model is in the catalog.
  permissions: mockServices.permissions(),
  auditor: recordingAuditor().auditor,
  catalog: catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'anomaly-detector',
          // Where the examples act: the demo model.
          annotations: {
            'mlops.backstage.io/cluster': 'dev',
            'mlops.backstage.io/namespace': 'mlops-demo',
            'mlops.backstage.io/model-name': 'anomaly-detector',
            'mlops.backstage.io/training-pipeline': 'model-training-pipeline',
            'mlops.backstage.io/build-config': 'anomaly-detector-notebook',
          },
        },
        spec: { type: 'ml-model', owner: 'group:default/team-a' },
      },
    ],
  }),
};

const actions: Array<{
  create: (options: typeof deps) => TemplateAction<any, any, any>;
  action: TemplateAction<any, any, any>;
  examples: typeof trainingExamples;
  valid: Record<string, unknown>;
}> = [
  {
    create: createTrainingRunAction,
    action: createTrainingRunAction(deps),
    examples: trainingExamples,
    valid: { namespace: 'ml', modelName: 'm' },
  },
  {
    create: createNotebookValidateAction,
    action: createNotebookValidateAction(deps),
    examples: notebookExamples,
    valid: { namespace: 'ml', modelName: 'm' },
  },
  {
    create: createBuildStartAction,
    action: createBuildStartAction(deps),
    examples: buildExamples,
    valid: { namespace: 'ml', buildConfig: 'm-notebook' },
  },
];

function jsonSchemaProperties(action: TemplateAction<any, any, any>) {
  const schemas = action.schema as {
    input: { properties: Record<string, { description?: string }> };
    output: { properties: Record<string, { description?: string }> };
  };
  return { input: schemas.input.properties, output: schemas.output.properties };
}

describe.each(actions.map(a => [a.action.id, a]))('%s', (_id, entry) => {
  const { create, action, examples, valid } = entry;

  it('supports dry runs and describes every input and output field', () => {
    expect(action.supportsDryRun).toBe(true);
    const { input, output } = jsonSchemaProperties(action);
    expect(Object.keys(input)).toEqual(
      expect.arrayContaining([
        'cluster',
        'namespace',
        'wait',
        'timeoutSeconds',
        'entityRef',
      ]),
    );
    for (const [name, field] of [
      ...Object.entries(input),
      ...Object.entries(output),
    ]) {
      expect({ name, description: field.description }).toEqual({
        name,
        description: expect.stringMatching(/\w{3,}/),
      });
    }
  });

  it('documents examples whose input passes its own validation', async () => {
    expect(examples.length).toBeGreaterThan(0);
    for (const { example } of examples) {
      const step = yaml.parse(example).steps[0];
      expect(step.action).toBe(action.id);
      // A valid input gets past validation to the cluster, which is unreachable here.
      const ctx = createMockActionContext({ input: step.input });
      const error = await action.handler(ctx).then(
        () => new Error('expected the handler to fail'),
        (e: Error) => e,
      );
      expect(error.message).not.toMatch(/invalid input/);
      expect(error.message).toMatch(/cluster dev/);
    }
  });

  it('names every bad field in one InputError, before contacting the cluster', async () => {
    const ctx = createMockActionContext({
      input: {
        ...valid,
        namespace: 'Not_A_Namespace',
        timeoutSeconds: 999999,
        wait: 'yes',
        namspace: 'typo',
      },
    });
    const error = await action.handler(ctx).then(
      () => new Error('expected the handler to fail'),
      (e: Error) => e,
    );
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(new RegExp(`^${action.id}: invalid input: `));
    expect(error.message).toContain(
      "namespace must consist of lower-case letters, digits and '-'",
    );
    expect(error.message).toContain(
      'timeoutSeconds Number must be less than or equal to 21600',
    );
    expect(error.message).toContain('wait Expected boolean, received string');
    expect(error.message).toContain(
      "Unrecognized key(s) in object: 'namspace'",
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it("refuses, before contacting the cluster, when the task's user may not act on entityRef", async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);
    const denied = create({ ...deps, permissions });
    const ctx = createMockActionContext({
      // The cluster is unreachable: a denial must come first.
      input: { ...valid, entityRef: 'component:default/anomaly-detector' },
    });
    await expect(denied.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        `${action.id}: the user who started this task may not act on component:default/anomaly-detector`,
      ),
    });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: expect.stringMatching(/^mlops\./),
          }),
          resourceRef: 'component:default/anomaly-detector',
        },
      ],
      expect.anything(),
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it("refuses, before contacting the cluster, inputs that name objects other than entityRef's", async () => {
    const ctx = createMockActionContext({
      // valid names namespace ml; the entity's objects are in mlops-demo.
      input: { ...valid, entityRef: 'component:default/anomaly-detector' },
    });
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        `${action.id}: the input does not match entityRef component:default/anomaly-detector, whose permission the step checked: namespace is "ml", but the entity's namespace is "mlops-demo"`,
      ),
    });
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('names an entityRef that is not a full entity ref', async () => {
    const ctx = createMockActionContext({
      input: { ...valid, entityRef: 'anomaly-detector' },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /invalid input: entityRef must be a full entity ref: kind:namespace\/name/,
    );
  });

  it('refuses a cluster that is not configured, naming the configured ones', async () => {
    const ctx = createMockActionContext({
      input: { ...valid, cluster: 'staging' },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /cluster "staging" is not located by the Kubernetes plugin \(kubernetes.clusterLocatorMethods\); located clusters: dev/,
    );
  });
});

describe('mlops:training:run input', () => {
  it('names a bad model name and pipeline name', async () => {
    const ctx = createMockActionContext({
      input: { namespace: 'ml', modelName: '-m-', pipeline: 'Bad Pipeline' },
    });
    await expect(createTrainingRunAction(deps).handler(ctx)).rejects.toThrow(
      /invalid input: modelName must consist of letters, digits.*; pipeline must consist of lower-case letters/,
    );
  });
});
