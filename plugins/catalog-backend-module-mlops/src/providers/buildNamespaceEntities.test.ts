import type { Entity } from '@backstage/catalog-model';
import type {
  SlimInferenceService,
  SlimNotebookValidationJob,
  SlimPipeline,
  SlimPipelineRun,
} from '@backstage-mlops/plugin-mlops-node';
import {
  buildNamespaceEntities,
  emptyNamespaceObjects,
  type BuildEntitiesContext,
  type NamespaceObjects,
} from './buildNamespaceEntities';
import { coordinateKey } from './handWrittenKeys';

type Meta = {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
};

function meta(name: string, extra: Meta = {}) {
  return {
    name,
    namespace: 'ns',
    uid: `uid-${name}`,
    resourceVersion: '1',
    ...extra,
  };
}
const isvc = (name: string, extra?: Meta): SlimInferenceService => ({
  metadata: meta(name, extra),
  spec: { predictor: {} },
});
const run = (
  name: string,
  model: string,
  extra: Meta = {},
): SlimPipelineRun => ({
  metadata: meta(name, {
    ...extra,
    labels: { 'model-name': model, ...extra.labels },
  }),
  spec: { pipelineRef: { name: 'train' } },
});
const nvj = (
  name: string,
  model: string,
  path: string,
): SlimNotebookValidationJob => ({
  metadata: meta(name, { labels: { 'model-name': model } }),
  spec: {
    notebook: { git: { url: 'https://git/x.git', ref: 'main' }, path },
    podConfig: { containerImage: 'img' },
  },
});
const pipeline = (name: string): SlimPipeline => ({
  metadata: meta(name),
  spec: { description: 'Trains.' },
});

function objects(extra: Partial<NamespaceObjects>): NamespaceObjects {
  return { ...emptyNamespaceObjects('dev', 'ns'), ...extra };
}

function context(
  extra: Partial<BuildEntitiesContext> = {},
): BuildEntitiesContext {
  return {
    mode: 'opt-out',
    defaults: { owner: 'group:default/fallback', lifecycle: 'production' },
    handWritten: () => undefined,
    ...extra,
  };
}

const names = (entities: Entity[]) =>
  entities.map(e => `${e.kind}:${e.metadata.name}`).sort();

describe('buildNamespaceEntities', () => {
  it('makes a model per InferenceService and model-name label, with its pipeline and notebooks', () => {
    const entities = buildNamespaceEntities(
      objects({
        inferenceServices: [isvc('scorer')],
        pipelineRuns: [run('r1', 'scorer'), run('r2', 'trained-only')],
        validationJobs: [
          nvj('v1', 'scorer', 'nb/train.ipynb'),
          nvj('v2', 'scorer', 'nb/train.ipynb'),
        ],
        pipelines: [pipeline('train')],
      }),
      context(),
    );
    expect(names(entities)).toEqual([
      'Component:scorer.ns.dev',
      expect.stringMatching(/^Component:train\.scorer\.ns\.dev-[0-9a-f]{8}$/),
      'Component:trained-only.ns.dev',
      'Resource:train.ns.dev',
    ]);
    const model = entities.find(e => e.metadata.name === 'scorer.ns.dev')!;
    expect(model.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': 'mlops:cluster/dev',
      'backstage.io/managed-by-origin-location': 'mlops:cluster/dev',
      'mlops.backstage.io/cluster': 'dev',
      'mlops.backstage.io/namespace': 'ns',
      'mlops.backstage.io/model-name': 'scorer',
      'mlops.backstage.io/inference-service': 'scorer',
      'mlops.backstage.io/training-pipeline': 'train',
    });
    expect(model.spec).toEqual({
      type: 'ml-model',
      lifecycle: 'production',
      owner: 'group:default/fallback',
      dependsOn: ['resource:default/train.ns.dev'],
    });
    const notebook = entities.find(e => e.spec?.type === 'notebook')!;
    expect(notebook.spec?.subcomponentOf).toBe(
      'component:default/scorer.ns.dev',
    );
    expect(notebook.metadata.annotations).toMatchObject({
      'mlops.backstage.io/notebook-path': 'nb/train.ipynb',
      'mlops.backstage.io/notebook-git-url': 'https://git/x.git',
    });
  });

  it("takes the newest run's pipeline, the first build config and workbench by name, and skips invalid model-name labels", () => {
    const labelled = (name: string, model: string) => ({
      metadata: meta(name, { labels: { 'model-name': model } }),
      spec: {},
    });
    const entities = buildNamespaceEntities(
      objects({
        pipelineRuns: [
          run('old', 'scorer', { creationTimestamp: '2026-01-01T00:00:00Z' }),
          {
            ...run('new', 'scorer', {
              creationTimestamp: '2026-02-01T00:00:00Z',
            }),
            spec: { pipelineRef: { name: 'retrain' } },
          },
          run('bad', 'Not A Label!'),
        ],
        pipelines: [pipeline('train'), pipeline('retrain')],
        buildConfigs: [
          labelled('scorer-z', 'scorer'),
          labelled('scorer-a', 'scorer'),
          labelled('other', 'someone-else'),
        ],
        workbenches: [labelled('wb-b', 'scorer'), labelled('wb-a', 'scorer')],
      }),
      context(),
    );
    expect(names(entities)).toEqual([
      'Component:scorer.ns.dev',
      'Resource:retrain.ns.dev',
      'Resource:train.ns.dev',
    ]);
    const model = entities.find(e => e.metadata.name === 'scorer.ns.dev')!;
    expect(model.metadata.annotations).toMatchObject({
      'mlops.backstage.io/training-pipeline': 'retrain',
      'mlops.backstage.io/build-config': 'scorer-a',
      'mlops.backstage.io/workbench': 'wb-a',
    });
    expect(model.spec?.dependsOn).toEqual([
      'resource:default/retrain.ns.dev',
      'resource:default/train.ns.dev',
    ]);
  });

  it('never takes a training pipeline from the tekton.dev/pipeline label of a run with an embedded spec', () => {
    // Tekton labels such a run with its own generateName (tektoncd/pipeline,
    // pkg/reconciler/pipelinerun/pipelinerun.go), which names no Pipeline.
    const embedded = (name: string, created: string): SlimPipelineRun => ({
      metadata: meta(name, {
        creationTimestamp: created,
        labels: {
          'model-name': 'scorer',
          'tekton.dev/pipeline': 'train-scorer',
        },
      }),
      spec: {},
    });
    const onlyEmbedded = buildNamespaceEntities(
      objects({
        pipelineRuns: [embedded('train-scorer-x1', '2026-02-01T00:00:00Z')],
        pipelines: [pipeline('train-scorer')],
      }),
      context(),
    );
    expect(names(onlyEmbedded)).toEqual(['Component:scorer.ns.dev']);
    expect(onlyEmbedded[0].metadata.annotations).not.toHaveProperty(
      'mlops.backstage.io/training-pipeline',
    );

    // A newer embedded run does not hide the Pipeline an older run names.
    const mixed = buildNamespaceEntities(
      objects({
        pipelineRuns: [
          run('old', 'scorer', { creationTimestamp: '2026-01-01T00:00:00Z' }),
          embedded('train-scorer-x2', '2026-03-01T00:00:00Z'),
        ],
        pipelines: [pipeline('train')],
      }),
      context(),
    );
    const model = mixed.find(e => e.metadata.name === 'scorer.ns.dev')!;
    expect(model.metadata.annotations).toMatchObject({
      'mlops.backstage.io/training-pipeline': 'train',
    });
  });

  it('reads owner, system, lifecycle and description from the objects, then the namespace', () => {
    const [model] = buildNamespaceEntities(
      objects({
        namespaceMeta: {
          annotations: { 'mlops.backstage.io/owner': 'group:default/ns-team' },
          labels: { 'mlops.backstage.io/system': 'ns-system' },
        },
        inferenceServices: [
          isvc('scorer', {
            labels: { 'mlops.backstage.io/lifecycle': 'experimental' },
            annotations: { 'mlops.backstage.io/description': 'Scores.' },
          }),
        ],
      }),
      context(),
    );
    expect(model.metadata.description).toBe('Scores.');
    expect(model.spec).toMatchObject({
      owner: 'group:default/ns-team',
      system: 'ns-system',
      lifecycle: 'experimental',
    });
  });

  describe('owners the namespace allows', () => {
    const ALLOWED = 'mlops.backstage.io/allowed-owners';
    /** As mlops-node's resolver answers: the namespace's annotation, parsed. */
    const fromAnnotation: BuildEntitiesContext['allowedOwners'] = namespace =>
      (namespace?.annotations?.[ALLOWED] ?? '')
        .split(',')
        .map(o => o.trim())
        .filter(Boolean);
    const discovered = (
      namespaceAllows: string | undefined,
      isvcMeta: Meta = {},
    ) =>
      buildNamespaceEntities(
        objects({
          namespaceMeta: namespaceAllows
            ? { annotations: { [ALLOWED]: namespaceAllows } }
            : undefined,
          inferenceServices: [isvc('scorer', isvcMeta)],
          pipelineRuns: [run('r1', 'scorer')],
          validationJobs: [nvj('v1', 'scorer', 'nb/train.ipynb')],
          pipelines: [pipeline('train')],
        }),
        context({ allowedOwners: fromAnnotation }),
      ).map(e => [e.spec?.type, e.spec?.owner]);

    it('give every discovered entity the first allowed owner when the named one (here the default) is not allowed', () => {
      expect(
        discovered('group:default/data-science-team, group:default/other'),
      ).toEqual([
        ['ml-pipeline', 'group:default/data-science-team'],
        ['ml-model', 'group:default/data-science-team'],
        ['notebook', 'group:default/data-science-team'],
      ]);
    });

    it('keep the owner the objects name when the namespace allows it', () => {
      expect(
        discovered('group:default/data-science-team, group:default/other', {
          annotations: { 'mlops.backstage.io/owner': 'other' },
        }),
      ).toEqual([
        ['ml-pipeline', 'other'],
        ['ml-model', 'other'],
        ['notebook', 'other'],
      ]);
    });

    it('leave the named owner when the namespace allows nobody (the namespace check then decides)', () => {
      expect(discovered(undefined)).toEqual([
        ['ml-pipeline', 'group:default/fallback'],
        ['ml-model', 'group:default/fallback'],
        ['notebook', 'group:default/fallback'],
      ]);
    });
  });

  it('leaves out a model when one of its objects or its namespace opts out', () => {
    const optOut = { labels: { 'mlops.backstage.io/discover': 'false' } };
    expect(
      names(
        buildNamespaceEntities(
          objects({
            inferenceServices: [isvc('hidden', optOut), isvc('shown')],
            pipelineRuns: [run('r', 'also-hidden', optOut)],
          }),
          context(),
        ),
      ),
    ).toEqual(['Component:shown.ns.dev']);
    expect(
      buildNamespaceEntities(
        objects({ namespaceMeta: optOut, inferenceServices: [isvc('shown')] }),
        context(),
      ),
    ).toEqual([]);
  });

  it('in opt-in mode takes only what an object or its namespace opts in', () => {
    const optIn = { annotations: { 'mlops.backstage.io/discover': 'true' } };
    expect(
      names(
        buildNamespaceEntities(
          objects({ inferenceServices: [isvc('in', optIn), isvc('out')] }),
          context({ mode: 'opt-in' }),
        ),
      ),
    ).toEqual(['Component:in.ns.dev']);
    expect(
      names(
        buildNamespaceEntities(
          objects({ namespaceMeta: optIn, inferenceServices: [isvc('out')] }),
          context({ mode: 'opt-in' }),
        ),
      ),
    ).toEqual(['Component:out.ns.dev']);
  });

  it('gives way to hand-written entities and points relations at them', () => {
    const handWritten = new Map([
      [
        coordinateKey.inferenceService('dev', 'ns', 'scorer'),
        'component:default/scorer',
      ],
      [
        coordinateKey.pipeline('dev', 'ns', 'train'),
        'resource:default/ns-train',
      ],
    ]);
    const entities = buildNamespaceEntities(
      objects({
        inferenceServices: [isvc('scorer')],
        pipelineRuns: [run('r1', 'scorer'), run('r2', 'other')],
        validationJobs: [nvj('v1', 'scorer', 'nb/train.ipynb')],
        pipelines: [pipeline('train')],
      }),
      context({
        handWritten: keys => keys.map(k => handWritten.get(k)).find(Boolean),
      }),
    );
    expect(names(entities)).toEqual([
      'Component:other.ns.dev',
      expect.stringMatching(/^Component:train\.scorer/),
    ]);
    expect(
      entities.find(e => e.spec?.type === 'notebook')?.spec?.subcomponentOf,
    ).toBe('component:default/scorer');
    expect(
      entities.find(e => e.metadata.name === 'other.ns.dev')?.spec?.dependsOn,
    ).toEqual(['resource:default/ns-train']);
  });
});
