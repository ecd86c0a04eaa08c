import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  renderSkeleton,
  SkeletonValues,
  skeletonValues,
  TEMPLATE_DIR,
} from './__testUtils__/renderSkeleton';
import {
  notebookProblems,
  objectProblems,
  objectsOf,
  pythonSyntaxProblems,
  requirementsProblems,
} from './__testUtils__/skeletonRules';

function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesOf(full) : [full];
  });
}

interface NotebookCell {
  cell_type: string;
  source: string[] | string;
}

function codeCells(notebookText: string): string[] {
  const notebook = JSON.parse(notebookText) as { cells: NotebookCell[] };
  return notebook.cells
    .filter(cell => cell.cell_type === 'code')
    .map(cell => ([] as string[]).concat(cell.source).join(''));
}

/** Every problem of a rendered project (see skeletonRules). */
function projectProblems(dir: string): string[] {
  const problems: string[] = [];
  for (const file of filesOf(dir)) {
    const text = readFileSync(file, 'utf8');
    const shown = relative(dir, file);
    if (/\{%|\$\{\{/.test(text)) {
      problems.push(`${shown}: template syntax left after rendering`);
    }
    if (/\.ya?ml$/.test(file))
      problems.push(...objectProblems(objectsOf(text)));
    if (file.endsWith('.ipynb')) {
      problems.push(...notebookProblems(text, shown));
      codeCells(text).forEach((source, i) =>
        problems.push(
          ...pythonSyntaxProblems(source, `${shown} code cell ${i}`),
        ),
      );
    }
    if (shown === 'requirements.txt')
      problems.push(...requirementsProblems(text));
  }
  return problems;
}

/** What each framework must render: how it is trained, saved, checked and served. */
const FRAMEWORKS: Record<
  SkeletonValues['framework'],
  {
    trains: string;
    /** The file the notebook writes and the health check reads, under /mnt/models/<model>/. */
    modelFile: string;
    savesAs: string;
    predictor: Record<string, unknown>;
    requirements: string[];
    readyPath: string;
  }
> = {
  sklearn: {
    trains: 'RandomForestRegressor(',
    modelFile: 'model.pkl',
    savesAs: "MODEL_FILE = MODEL_DIR / 'model.pkl'",
    predictor: { modelFormat: { name: 'sklearn' } },
    requirements: ['scikit-learn==1.6.1', 'joblib==1.4.2'],
    readyPath: '/v1/models/$(params.inference-service-name)"',
  },
  xgboost: {
    trains: 'XGBRegressor(',
    modelFile: 'model.pkl',
    savesAs: "model.save_model(MODEL_DIR / 'model.bst')",
    predictor: { modelFormat: { name: 'xgboost' } },
    requirements: ['xgboost==2.1.4', 'scikit-learn==1.6.1'],
    readyPath: '/v1/models/$(params.inference-service-name)"',
  },
  pytorch: {
    trains: 'nn.Sequential(',
    modelFile: '1/model.onnx',
    savesAs: "MODEL_FILE = MODEL_DIR / '1' / 'model.onnx'",
    predictor: {
      modelFormat: { name: 'onnx', version: '1' },
      runtime: 'kserve-ovms',
      protocolVersion: 'v2',
    },
    requirements: ['torch==2.6.0', 'onnx==1.17.0', 'onnxruntime==1.20.1'],
    readyPath: '/v2/models/$(params.inference-service-name)/ready"',
  },
};

function taskScript(tasks: Array<Record<string, any>>, name: string): string {
  const task = tasks.find(t => t.kind === 'Task' && t.metadata.name === name);
  return task!.spec.steps.map((step: { script: string }) => step.script).join();
}

describe('templates/ml-model', () => {
  it('is a valid Template entity whose steps use our actions in the issue order', () => {
    const template = parseAllDocuments(
      readFileSync(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
    )[0].toJS();
    expect(template.kind).toBe('Template');
    expect(
      template.spec.steps.map((s: { action: string }) => s.action),
    ).toEqual([
      'fetch:template',
      'mlops:cluster:check',
      'mlops:namespace:allow-owner',
      'mlops:publish:local',
      'publish:github',
      'publish:gitlab',
      'mlops:manifests:apply',
      'mlops:catalog:register',
      'catalog:register',
      'mlops:training:run',
    ]);
    expect(template.spec.parameters[0].properties.name.pattern).toBe(
      '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
    );
  });

  it.each([
    ['sklearn, no GPU', skeletonValues()],
    ['pytorch, no GPU', skeletonValues({ framework: 'pytorch' })],
    [
      'xgboost with a GPU and Prometheus data',
      skeletonValues({
        framework: 'xgboost',
        gpu: true,
        dataSource: 'hybrid',
        scheduledDataSource: 'prometheus',
        system: undefined,
      }),
    ],
  ])('renders a clean project (%s)', async (_, values) => {
    const dir = await renderSkeleton(values);
    const files = filesOf(dir)
      .map(f => relative(dir, f))
      .sort();
    expect(files).toEqual([
      'README.md',
      'catalog-info.yaml',
      'k8s/base/build.yaml',
      'k8s/base/cronjob.yaml',
      'k8s/base/kustomization.yaml',
      'k8s/base/rbac.yaml',
      'k8s/base/serviceaccounts.yaml',
      'k8s/base/serving.yaml',
      'k8s/base/storage.yaml',
      'k8s/base/tekton-pipeline.yaml',
      'k8s/base/tekton-tasks.yaml',
      'k8s/base/triggers.yaml',
      'k8s/base/workbench.yaml',
      'k8s/overlays/development/kustomization.yaml',
      'k8s/overlays/production/kustomization.yaml',
      'notebooks/train.ipynb',
      'requirements.txt',
    ]);
    expect(projectProblems(dir)).toEqual([]);
    const entities = objectsOf(
      readFileSync(join(dir, 'catalog-info.yaml'), 'utf8'),
    );
    expect(
      entities.map(e => `${e.kind}:${(e.metadata as { name: string }).name}`),
    ).toEqual([
      'Component:fraud-scorer',
      'Component:fraud-scorer-training-notebook',
      'Resource:fraud-scorer-training-pipeline',
    ]);
    expect(
      (entities[0].metadata as { annotations: object }).annotations,
    ).toMatchObject({
      'mlops.backstage.io/namespace': 'mlops-demo',
      'mlops.backstage.io/training-pipeline': 'fraud-scorer-training-pipeline',
      'mlops.backstage.io/inference-service': 'fraud-scorer',
      'mlops.backstage.io/build-config': 'fraud-scorer-notebook',
      'mlops.backstage.io/workbench': 'fraud-scorer-workbench',
    });
    const notebook = readFileSync(join(dir, 'notebooks/train.ipynb'), 'utf8');
    expect(JSON.parse(notebook).nbformat).toBe(4);
    const code = codeCells(notebook).join('\n');
    const expected = FRAMEWORKS[values.framework];
    expect(code).toContain(expected.trains);
    expect(code).toContain(expected.savesAs);
    expect(code).toContain('assert score > 0.8');
    const serving = objectsOf(
      readFileSync(join(dir, 'k8s/base/serving.yaml'), 'utf8'),
    )[0] as { spec: { predictor: { model: Record<string, unknown> } } };
    expect(serving.spec.predictor.model).toEqual({
      ...expected.predictor,
      storageUri: 'pvc://fraud-scorer-models/fraud-scorer',
      resources: expect.any(Object),
    });
    const requirements = readFileSync(join(dir, 'requirements.txt'), 'utf8')
      .split('\n')
      .filter(l => l && !l.startsWith('#'));
    expect(requirements).toEqual(expect.arrayContaining(expected.requirements));
    expect(requirements.some(l => l.startsWith('torch'))).toBe(
      values.framework === 'pytorch',
    );
    const tasks = objectsOf(
      readFileSync(join(dir, 'k8s/base/tekton-tasks.yaml'), 'utf8'),
    );
    const healthCheck = taskScript(tasks, 'fraud-scorer-health-check');
    expect(healthCheck).toContain(
      `Path("/mnt/models/$(params.model-name)/${expected.modelFile}")`,
    );
    expect(pythonSyntaxProblems(healthCheck, 'health check')).toEqual([]);
    expect(taskScript(tasks, 'fraud-scorer-post-deployment-check')).toContain(
      expected.readyPath,
    );
    const prod = readFileSync(
      join(dir, 'k8s/overlays/production/kustomization.yaml'),
      'utf8',
    );
    expect(prod.includes('nvidia.com/gpu')).toBe(values.gpu);
    expect(
      readFileSync(
        join(dir, 'k8s/overlays/development/kustomization.yaml'),
        'utf8',
      ),
    ).not.toContain('nvidia.com/gpu');
  });

  describe('the checks catch what the seeds rejected', () => {
    const pipelineRun = (spec: object) => [
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'r' },
        spec,
      },
    ];
    it.each([
      [
        pipelineRun({ timeout: '1h' }),
        'PipelineRun r.spec.timeout: v1beta1-only field on tekton.dev/v1',
      ],
      [
        pipelineRun({ serviceAccountName: 'p' }),
        'PipelineRun r.spec.serviceAccountName: v1beta1-only field',
      ],
      [
        [
          {
            apiVersion: 'tekton.dev/v1',
            kind: 'Task',
            metadata: { name: 't' },
            spec: { steps: [{ name: 's', resources: {} }] },
          },
        ],
        'Task t.spec.steps[0].resources: v1beta1-only field',
      ],
      [
        [
          {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            metadata: { name: 'c' },
            spec: {
              x: {
                args: [
                  'oc create -f - <<EOF\n  apiVersion: tekton.dev/v1\n  kind: PipelineRun\n  metadata: {name: e}\n  spec: {timeout: 1h}\n  EOF',
                ],
              },
            },
          },
        ],
        'PipelineRun e.spec.timeout: v1beta1-only field',
      ],
      [
        [
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'p' },
            spec: {
              containers: [
                { command: ['sh', '-c', 'pip install papermill && run'] },
              ],
            },
          },
        ],
        'installs packages at runtime',
      ],
      [
        [
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'p' },
            spec: { securityContext: { runAsUser: 1000 } },
          },
        ],
        'hard-codes a UID',
      ],
      [
        [
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'RoleBinding',
            metadata: { name: 'b' },
            roleRef: { name: 'system:openshift:scc:anyuid' },
          },
        ],
        'uses the anyuid SCC',
      ],
    ])('%#: %j', (objects, message) => {
      const text = objects.map(o => JSON.stringify(o)).join('\n---\n');
      expect(objectProblems(objectsOf(text)).join('\n')).toContain(message);
    });

    it('Python that does not parse after rendering', () => {
      expect(
        pythonSyntaxProblems('if ready\n    print(1)\n', 'cell 3'),
      ).toEqual([
        expect.stringMatching(/^cell 3: not valid Python \(SyntaxError/),
      ]);
      expect(
        pythonSyntaxProblems('if ready:\n    print(1)\n', 'cell 3'),
      ).toEqual([]);
    });

    it('an unpinned papermill, and runtime pip in a notebook', () => {
      expect(
        requirementsProblems('papermill\nnbformat==5.10.4\nnbconvert>=7'),
      ).toEqual([
        'requirements.txt: "papermill" is not pinned with ==',
        'requirements.txt: "nbconvert>=7" is not pinned with ==',
        'requirements.txt: papermill is not pinned',
        'requirements.txt: nbconvert is not pinned',
      ]);
      expect(
        notebookProblems(
          JSON.stringify({
            cells: [{ cell_type: 'code', source: ['%pip install xgboost'] }],
          }),
          'n.ipynb',
        ),
      ).toEqual(['n.ipynb: cell 0 installs packages at runtime']);
    });
  });
});
