import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  renderSkeleton,
  skeletonValues,
  TEMPLATE_DIR,
} from './__testUtils__/renderSkeleton';
import {
  notebookProblems,
  objectProblems,
  objectsOf,
  requirementsProblems,
} from './__testUtils__/skeletonRules';

function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesOf(full) : [full];
  });
}

/** Every problem of a rendered project (see skeletonRules). */
function projectProblems(dir: string): string[] {
  const problems: string[] = [];
  for (const file of filesOf(dir)) {
    const text = readFileSync(file, 'utf8');
    const shown = relative(dir, file);
    if (/\.ya?ml$/.test(file))
      problems.push(...objectProblems(objectsOf(text)));
    if (file.endsWith('.ipynb'))
      problems.push(...notebookProblems(text, shown));
    if (shown === 'requirements.txt')
      problems.push(...requirementsProblems(text));
  }
  return problems;
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
    expect(notebook).toContain(
      values.framework === 'xgboost' ? 'XGBRegressor' : 'RandomForestRegressor',
    );
    expect(notebook).toContain("joblib.dump(model, MODEL_DIR / 'model.pkl')");
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
