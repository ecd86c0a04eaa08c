import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DefaultMlopsClusterRegistry,
  ScaffolderMlopsClusterClients,
} from '@backstage-mlops/plugin-mlops-node';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createBuildStartAction } from './buildStart';
import { examples as buildExamples } from './buildStart.examples';
import { createNotebookValidateAction } from './notebookValidate';
import { examples as notebookExamples } from './notebookValidate.examples';
import { createTrainingRunAction } from './trainingRun';
import { examples as trainingExamples } from './trainingRun.examples';

// The three run-starting actions before any cluster is contacted: their schemas, input
// problems named by field, and their documented examples. What they do on a cluster is
// tested against the dev cluster (src/integration/runActions.integration.test.ts).

const config = new ConfigReader({
  mlops: { clusters: [{ name: 'dev', url: 'https://127.0.0.1:1' }] },
});
const deps = {
  clusters: DefaultMlopsClusterRegistry.fromConfig(config),
  clients: ScaffolderMlopsClusterClients.fromConfig(config, {
    logger: mockServices.logger.mock(),
  }),
  appBaseUrl: 'http://localhost:3000',
};

const actions: Array<{
  action: TemplateAction<any, any, any>;
  examples: typeof trainingExamples;
  valid: Record<string, unknown>;
}> = [
  {
    action: createTrainingRunAction(deps),
    examples: trainingExamples,
    valid: { namespace: 'ml', modelName: 'm' },
  },
  {
    action: createNotebookValidateAction(deps),
    examples: notebookExamples,
    valid: { namespace: 'ml', modelName: 'm' },
  },
  {
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
  const { action, examples, valid } = entry;

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

  it('refuses a cluster that is not configured, naming the configured ones', async () => {
    const ctx = createMockActionContext({
      input: { ...valid, cluster: 'staging' },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /cluster "staging" is not configured; configured clusters: dev/,
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
