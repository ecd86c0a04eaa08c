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
  ocPermissionProblems,
  pythonSyntaxProblems,
  requirementsProblems,
} from './__testUtils__/skeletonRules';
import { runTaskStep, TaskStep } from './__testUtils__/runTaskStep';

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

/**
 * What each framework must render: how it is trained, saved, checked and served. The
 * runtimes are OpenShift AI's (odh-model-controller config/runtimes/): MLServer serves
 * sklearn and xgboost from model.pkl / model.bst (SeldonIO/MLServer
 * runtimes/<framework>/mlserver_<framework>/<framework>.py, WELLKNOWN_MODEL_FILENAMES), OpenVINO Model Server serves
 * ONNX from a versioned directory; both over the KServe v2 protocol.
 */
const FRAMEWORKS: Record<
  SkeletonValues['framework'],
  {
    trains: string;
    /** How the health check names the candidate's model file. */
    loads: string;
    savesAs: string;
    predictor: Record<string, unknown>;
    modelClass?: string;
    requirements: string[];
  }
> = {
  sklearn: {
    trains: 'RandomForestRegressor(',
    loads: 'path = candidate / "model" / "model.pkl"',
    savesAs: "MODEL_FILE = MODEL_DIR / 'model.pkl'",
    predictor: {
      modelFormat: { name: 'sklearn', version: '1' },
      runtime: 'mlserver-runtime',
      protocolVersion: 'v2',
    },
    modelClass: 'mlserver_sklearn.SKLearnModel',
    requirements: ['scikit-learn==1.6.1', 'joblib==1.4.2'],
  },
  xgboost: {
    trains: 'XGBRegressor(',
    loads: 'path = candidate / "model" / "model.bst"',
    savesAs: "MODEL_FILE = MODEL_DIR / 'model.bst'",
    predictor: {
      modelFormat: { name: 'xgboost', version: '2' },
      runtime: 'mlserver-runtime',
      protocolVersion: 'v2',
    },
    modelClass: 'mlserver_xgboost.XGBoostModel',
    requirements: ['xgboost==2.1.4', 'scikit-learn==1.6.1'],
  },
  pytorch: {
    trains: 'nn.Sequential(',
    loads: 'path = candidate / "model" / "1" / "model.onnx"',
    savesAs: "MODEL_FILE = MODEL_DIR / '1' / 'model.onnx'",
    predictor: {
      modelFormat: { name: 'onnx', version: '1' },
      runtime: 'kserve-ovms',
      protocolVersion: 'v2',
    },
    requirements: ['torch==2.6.0', 'onnx==1.17.0', 'onnxruntime==1.20.1'],
  },
};

function taskScript(tasks: Array<Record<string, any>>, name: string): string {
  const task = tasks.find(t => t.kind === 'Task' && t.metadata.name === name);
  return task!.spec.steps.map((step: { script: string }) => step.script).join();
}

function taskStep(
  tasks: Array<Record<string, any>>,
  name: string,
  step: string,
): TaskStep {
  const task = tasks.find(t => t.kind === 'Task' && t.metadata.name === name);
  return task!.spec.steps.find((s: { name: string }) => s.name === step);
}

function stepScript(
  tasks: Array<Record<string, any>>,
  name: string,
  step: string,
): string {
  return taskStep(tasks, name, step).script;
}

/** Every object of a rendered project's k8s/base (heredocs and resource templates too). */
function baseObjects(dir: string): Array<Record<string, any>> {
  return filesOf(join(dir, 'k8s/base'))
    .filter(f => f.endsWith('.yaml') && !f.endsWith('kustomization.yaml'))
    .flatMap(f => objectsOf(readFileSync(f, 'utf8')));
}

function find(objects: Array<Record<string, any>>, kind: string, name: string) {
  const found = objects.find(o => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
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
      'k8s/base/monitoring.yaml',
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
      storageUri: 'pvc://fraud-scorer-models/fraud-scorer/served',
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
    expect(healthCheck).toContain(expected.loads);
    for (const [task, step] of [
      ['fraud-scorer-health-check', 'load-and-predict'],
      ['fraud-scorer-health-check', 'compare-with-served'],
    ]) {
      expect(
        pythonSyntaxProblems(stepScript(tasks, task, step), `${task} ${step}`),
      ).toEqual([]);
    }
    const predict = stepScript(
      tasks,
      'fraud-scorer-post-deployment-check',
      'predict',
    );
    expect(pythonSyntaxProblems(predict, 'post-deployment check')).toEqual([]);
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

  // Issue 21, Part 1: what a stock OpenShift AI cluster refuses or breaks, each pinned
  // in the rendered project. The upstream file that decides each point is named in
  // templates/README.md.
  describe('runs on a stock OpenShift AI cluster (issue 21)', () => {
    let dir: string;
    let objects: Array<Record<string, any>>;
    beforeAll(async () => {
      dir = await renderSkeleton(skeletonValues({ framework: 'xgboost' }));
      objects = baseObjects(dir);
    });

    it('1: no Tekton field behind a feature flag; the train task checks data-source itself', () => {
      const pipeline = find(
        objects,
        'Pipeline',
        'fraud-scorer-training-pipeline',
      );
      expect(pipeline.spec.params.filter((p: any) => 'enum' in p)).toEqual([]);
      expect(
        JSON.stringify(objects.filter(o => o.kind === 'Task')),
      ).not.toMatch(/"enum"|"cel"/);
      const check = taskStep(objects, 'fraud-scorer-train', 'check-params');
      const runCheck = (params: Record<string, string>) =>
        runTaskStep(check, { params });
      expect(runCheck({ 'data-source': 'synthetic', gpus: '0' }).status).toBe(
        0,
      );
      const bad = runCheck({ 'data-source': 'weather', gpus: '0' });
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain(
        'param data-source must be synthetic, prometheus or hybrid, not "weather"',
      );
      expect(
        runCheck({ 'data-source': 'hybrid', gpus: 'one' }).stdout,
      ).toContain('param gpus must be a number of GPUs, not "one"');
    });

    it('2: the PipelineRun name reaches the train task as a param, not as a Pipeline-only variable', () => {
      const pipeline = find(
        objects,
        'Pipeline',
        'fraud-scorer-training-pipeline',
      );
      const train = pipeline.spec.tasks.find(
        (t: any) => t.name === 'train-model',
      );
      expect(train.params).toContainEqual({
        name: 'pipeline-run',
        value: '$(context.pipelineRun.name)',
      });
      const script = stepScript(
        objects,
        'fraud-scorer-train',
        'create-validation-job',
      );
      expect(script).not.toContain('$(context.pipeline');
      expect(
        taskStep(objects, 'fraud-scorer-train', 'create-validation-job').env,
      ).toContainEqual({
        name: 'PIPELINE_RUN',
        value: '$(params.pipeline-run)',
      });
      expect(script).toContain('RUN="${PIPELINE_RUN:-${TASK_RUN}}"');
      const job = objects.find(o => o.kind === 'NotebookValidationJob')!;
      expect(job.metadata.labels['tekton.dev/pipelineRun']).toBe(
        '$(quoted "${RUN}")',
      );
    });

    it('3: every oc call of the steps is allowed by the Role; the deploy waits for pods with its own stamp', () => {
      expect(ocPermissionProblems(objects)).toEqual([]);
      const role = find(objects, 'Role', 'fraud-scorer-training-pipeline');
      expect(role.rules).toContainEqual({
        apiGroups: ['serving.kserve.io'],
        resources: ['inferenceservices'],
        verbs: ['get', 'patch', 'update'],
      });
      const restart = stepScript(
        objects,
        'fraud-scorer-deploy',
        'restart-serving',
      );
      expect(restart).not.toMatch(/^\s*oc wait/m);
      expect(
        taskStep(objects, 'fraud-scorer-deploy', 'restart-serving').env,
      ).toContainEqual({ name: 'TASK_RUN', value: '$(context.taskRun.name)' });
      expect(restart).toContain('STAMP="${TASK_RUN}"');
      expect(restart).toContain(
        '\\"mlops.dev/promoted-by\\":$(quoted "${STAMP}")',
      );
      expect(restart).toContain(
        '{.metadata.annotations.mlops\\.dev/promoted-by}',
      );
    });

    it.each([
      ['sklearn', 'mlserver-runtime', 'sklearn', '1'],
      ['xgboost', 'mlserver-runtime', 'xgboost', '2'],
      ['pytorch', 'kserve-ovms', 'onnx', '1'],
    ] as const)(
      '4: %s names the OpenShift AI runtime %s, a format version it serves, and the checks speak v2',
      async (framework, runtime, format, version) => {
        const rendered = baseObjects(
          await renderSkeleton(skeletonValues({ framework })),
        );
        const isvc = find(rendered, 'InferenceService', 'fraud-scorer');
        expect(isvc.spec.predictor.model).toMatchObject({
          runtime,
          modelFormat: { name: format, version },
          protocolVersion: 'v2',
        });
        expect(isvc.metadata.labels.modelClass).toBe(
          FRAMEWORKS[framework].modelClass,
        );
        const predict = stepScript(
          rendered,
          'fraud-scorer-post-deployment-check',
          'predict',
        );
        expect(predict).toContain('call(f"/v2/models/{model}/ready")');
        expect(predict).toContain('call(f"/v2/models/{model}/infer"');
        expect(predict).not.toContain('/v1/');
      },
    );

    it('5: the workbench has inject-auth, a home volume at /opt/app-root/src, and the dashboard labels are on both volumes and the InferenceService', () => {
      const workbench = find(objects, 'Notebook', 'fraud-scorer-workbench');
      expect(workbench.metadata.annotations).toMatchObject({
        'notebooks.opendatahub.io/inject-auth': 'true',
      });
      expect(workbench.metadata.annotations).not.toHaveProperty(
        'notebooks.opendatahub.io/inject-oauth',
      );
      const pod = workbench.spec.template.spec;
      expect(pod.containers[0].volumeMounts).toContainEqual({
        name: 'home',
        mountPath: '/opt/app-root/src',
      });
      expect(pod.volumes).toContainEqual({
        name: 'home',
        persistentVolumeClaim: { claimName: 'fraud-scorer-workbench' },
      });
      for (const [kind, name] of [
        ['PersistentVolumeClaim', 'fraud-scorer-models'],
        ['PersistentVolumeClaim', 'fraud-scorer-workbench'],
        ['InferenceService', 'fraud-scorer'],
        ['Notebook', 'fraud-scorer-workbench'],
      ]) {
        expect(find(objects, kind, name).metadata.labels).toMatchObject({
          'opendatahub.io/dashboard': 'true',
        });
      }
    });

    it('6: access mode and storage class of the volumes are the parameters (ReadWriteMany on the default class unless asked)', async () => {
      expect(
        find(objects, 'PersistentVolumeClaim', 'fraud-scorer-models').spec,
      ).toMatchObject({
        accessModes: ['ReadWriteMany'],
      });
      expect(
        find(objects, 'PersistentVolumeClaim', 'fraud-scorer-models').spec,
      ).not.toHaveProperty('storageClassName');
      const rwo = baseObjects(
        await renderSkeleton(
          skeletonValues({
            storageAccessMode: 'ReadWriteOnce',
            storageClassName: 'gp3-csi',
          }),
        ),
      );
      expect(
        find(rwo, 'PersistentVolumeClaim', 'fraud-scorer-models').spec,
      ).toMatchObject({
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'gp3-csi',
      });
      expect(
        find(rwo, 'PersistentVolumeClaim', 'fraud-scorer-workbench').spec,
      ).toMatchObject({
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'gp3-csi',
      });
      // No overlay overrides the access mode behind the parameter's back.
      for (const overlay of ['development', 'production']) {
        expect(
          readFileSync(
            join(dir, 'k8s/overlays', overlay, 'kustomization.yaml'),
            'utf8',
          ),
        ).not.toContain('accessModes');
      }
      const template = parseAllDocuments(
        readFileSync(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
      )[0].toJS();
      const where = template.spec.parameters[1].properties;
      expect(where.storageAccessMode).toMatchObject({
        enum: ['ReadWriteMany', 'ReadWriteOnce'],
        default: 'ReadWriteMany',
      });
      const check = template.spec.steps.find((s: any) => s.id === 'check');
      expect(check.input).toMatchObject({
        storageAccessMode:
          "${{ parameters.storageAccessMode or 'ReadWriteMany' }}",
        storageClassName: "${{ parameters.storageClassName or '' }}",
      });
    });

    it('7: the build and every run clone a URL the cluster can reach, and the first run waits for the first image', () => {
      const template = parseAllDocuments(
        readFileSync(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
      )[0].toJS();
      const local =
        template.spec.parameters[2].dependencies.publishTarget.oneOf[0];
      expect(local.required).toEqual(['sourceRepoUrl']);
      expect(
        new RegExp(local.properties.sourceRepoUrl.pattern).test(
          'file:///tmp/repo',
        ),
      ).toBe(false);
      const render = template.spec.steps.find((s: any) => s.id === 'render');
      expect(render.input.values.gitUrl).toContain(
        'else parameters.sourceRepoUrl',
      );
      expect(JSON.stringify(template)).not.toContain('git.local.invalid');

      const gitUrl = 'https://github.com/acme/fraud-scorer.git';
      expect(
        find(objects, 'BuildConfig', 'fraud-scorer-notebook').spec.source.git
          .uri,
      ).toBe(gitUrl);
      const pipeline = find(
        objects,
        'Pipeline',
        'fraud-scorer-training-pipeline',
      );
      expect(
        pipeline.spec.params.find((p: any) => p.name === 'git-url').default,
      ).toBe(gitUrl);
      const train = find(objects, 'Task', 'fraud-scorer-train');
      expect(train.spec.steps.map((s: any) => s.name)).toEqual([
        'check-params',
        'wait-for-image',
        'create-validation-job',
        'report-metrics',
      ]);
      expect(
        stepScript(objects, 'fraud-scorer-train', 'wait-for-image'),
      ).toContain('oc get imagestream fraud-scorer-notebook');
    });

    it('8: training writes a candidate, the health check tests that candidate the way MLServer loads it, and only deploy promotes it to what is served', () => {
      const notebook = codeCells(
        readFileSync(join(dir, 'notebooks/train.ipynb'), 'utf8'),
      ).join('\n');
      expect(notebook).toContain("MODEL_DIR = CANDIDATE_DIR / 'model'");
      expect(notebook).toContain('model.save_model(MODEL_FILE)');
      expect(notebook).not.toContain('model.pkl');
      expect(notebook).toContain("(CANDIDATE_DIR / 'sample-predictions.json')");

      const pipeline = find(
        objects,
        'Pipeline',
        'fraud-scorer-training-pipeline',
      );
      const task = (name: string) =>
        pipeline.spec.tasks.find((t: any) => t.name === name);
      const candidate = {
        name: 'candidate',
        value: '$(tasks.train-model.results.candidate)',
      };
      expect(task('health-check').params).toContainEqual(candidate);
      expect(task('deploy-model').params).toContainEqual(candidate);
      expect(task('deploy-model').runAfter).toEqual(['health-check']);

      const health = stepScript(
        objects,
        'fraud-scorer-health-check',
        'load-and-predict',
      );
      expect(health).toContain(
        'candidate = Path("/mnt/models") / os.environ["CANDIDATE"]',
      );
      expect(health).toContain('path = candidate / "model" / "model.bst"');
      expect(health).toContain('model = xgboost.XGBRegressor()');
      expect(health).not.toContain('model.pkl');

      const promote = stepScript(objects, 'fraud-scorer-deploy', 'promote');
      expect(promote).toContain('cp -R "${FROM}/model" "${ROOT}/served.next"');
      expect(promote).toContain('mv "${ROOT}/served" "${ROOT}/previous"');
      // Serving reads only what deploy promoted.
      expect(
        find(objects, 'InferenceService', 'fraud-scorer').spec.predictor.model
          .storageUri,
      ).toBe('pvc://fraud-scorer-models/fraud-scorer/served');
      const job = objects.find(o => o.kind === 'NotebookValidationJob')!;
      expect(job.spec.podConfig.env).toContainEqual({
        name: 'CANDIDATE_DIR',
        value: '$(quoted "/mnt/models/${CANDIDATE}")',
      });
    });

    it('9: the workbench runs the project image, GPU training tolerates GPU nodes, production has its own namespace, the drift alert and the webhook reach their EventListeners', async () => {
      const image = find(objects, 'ImageStream', 'fraud-scorer-notebook');
      expect(image.metadata.labels).toMatchObject({
        'opendatahub.io/notebook-image': 'true',
      });
      expect(image.spec.tags.map((t: any) => t.name)).toEqual(['latest']);
      const workbench = find(objects, 'Notebook', 'fraud-scorer-workbench');
      expect(workbench.spec.template.spec.containers[0].image).toBe(
        'image-registry.openshift-image-registry.svc:5000/mlops-demo/fraud-scorer-notebook:latest',
      );
      expect(
        workbench.metadata.annotations[
          'notebooks.opendatahub.io/last-image-selection'
        ],
      ).toBe('fraud-scorer-notebook:latest');

      const create = stepScript(
        objects,
        'fraud-scorer-train',
        'create-validation-job',
      );
      expect(create).toContain(
        "TOLERATIONS='[{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]'",
      );
      expect(
        objects.find(o => o.kind === 'NotebookValidationJob')!.spec.podConfig
          .tolerations,
      ).toBe('${TOLERATIONS}');

      const prod = readFileSync(
        join(dir, 'k8s/overlays/production/kustomization.yaml'),
        'utf8',
      );
      expect(parseAllDocuments(prod)[0].toJS().namespace).toBe(
        'mlops-demo-prod',
      );
      expect(prod).toContain('/mlops-demo-prod/fraud-scorer-notebook:latest');
      expect(prod).toContain(
        'http://el-fraud-scorer-drift.mlops-demo-prod.svc.cluster.local:8080',
      );

      const rule = find(objects, 'PrometheusRule', 'fraud-scorer-model-drift')
        .spec.groups[0].rules[0];
      expect(rule).toMatchObject({
        alert: 'ModelDriftDetected',
        labels: { model: 'fraud-scorer' },
      });
      const route = find(
        objects,
        'AlertmanagerConfig',
        'fraud-scorer-model-drift',
      ).spec;
      expect(route.route.matchers).toEqual([
        { name: 'alertname', value: 'ModelDriftDetected' },
        { name: 'model', value: 'fraud-scorer' },
      ]);
      expect(route.receivers[0].webhookConfigs[0].url).toBe(
        'http://el-fraud-scorer-drift.mlops-demo.svc.cluster.local:8080',
      );
      const drift = find(objects, 'EventListener', 'fraud-scorer-drift');
      expect(drift.spec.triggers[0].interceptors[0].params[0].value).toContain(
        "body.commonLabels.alertname == 'ModelDriftDetected' && body.commonLabels.model == 'fraud-scorer'",
      );

      const webhook = find(objects, 'EventListener', 'fraud-scorer-webhook');
      expect(webhook.spec.triggers[0].interceptors[0]).toEqual({
        ref: { name: 'github' },
        params: [
          {
            name: 'secretRef',
            value: {
              secretName: 'fraud-scorer-webhook',
              secretKey: 'secretToken',
            },
          },
          { name: 'eventTypes', value: ['push'] },
        ],
      });
      expect(find(objects, 'Route', 'fraud-scorer-webhook').spec.to).toEqual({
        kind: 'Service',
        name: 'el-fraud-scorer-webhook',
      });
      expect(
        find(objects, 'NetworkPolicy', 'fraud-scorer-drift-from-alertmanager')
          .spec.podSelector,
      ).toEqual({ matchLabels: { eventlistener: 'fraud-scorer-drift' } });
      const gitlab = baseObjects(
        await renderSkeleton(skeletonValues({ publishTarget: 'gitlab' })),
      );
      expect(
        find(gitlab, 'EventListener', 'fraud-scorer-webhook').spec.triggers[0]
          .interceptors[0].ref,
      ).toEqual({
        name: 'gitlab',
      });
    });
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

    it("issue 21's rules: a feature-gated field, a Pipeline-only variable in a Task, an oc call the Role does not grant", () => {
      // The old template's Pipeline param and Task script, and its deploy step's wait.
      const old = [
        {
          apiVersion: 'tekton.dev/v1',
          kind: 'Pipeline',
          metadata: { name: 'p' },
          spec: {
            params: [
              { name: 'data-source', enum: ['synthetic', 'prometheus'] },
            ],
            tasks: [{ name: 't', when: [{ cel: "'a' == 'a'" }] }],
          },
        },
        {
          apiVersion: 'tekton.dev/v1',
          kind: 'Task',
          metadata: { name: 'train' },
          spec: {
            steps: [
              {
                name: 'create',
                script:
                  'labels:\n  tekton.dev/pipelineRun: $(context.pipelineRun.name)\n',
              },
            ],
          },
        },
        {
          apiVersion: 'tekton.dev/v1',
          kind: 'Task',
          metadata: { name: 'deploy' },
          spec: {
            steps: [
              {
                name: 'restart',
                script:
                  '#!/bin/bash\n# oc wait is not used here\noc patch inferenceservice "$(params.isvc)" --type merge -p x\noc wait --for=condition=Ready "inferenceservice/$(params.isvc)" --timeout=10m\n',
              },
            ],
          },
        },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name: 'r' },
          rules: [
            {
              apiGroups: ['serving.kserve.io'],
              resources: ['inferenceservices'],
              verbs: ['get', 'patch', 'update'],
            },
          ],
        },
      ];
      const text = old.map(o => JSON.stringify(o)).join('\n---\n');
      expect(objectProblems(objectsOf(text))).toEqual([
        "Pipeline p.spec.params[data-source].enum: needs Tekton's alpha feature flag enable-param-enum, off on OpenShift Pipelines",
        "Pipeline p.spec.tasks[0].when[0].cel: needs Tekton's alpha feature flag enable-cel-in-whenexpression, off on OpenShift Pipelines",
        'Task train.spec.steps[0].script: $(context.pipelineRun.name) is substituted in Pipelines only, never in a Task (pass it as a param)',
        'Task deploy.spec.steps[0].script: $(params.isvc) is spliced into the script\'s text before it runs; pass it as an env var (tektoncd/pipeline docs/tasks.md, "Substituting in Script blocks")',
        `Task deploy step restart: "oc wait --for=condition=Ready "inferenceservice/$(params.isvc)" --timeout=10m" needs list, watch on inferenceservices.serving.kserve.io, which the pipeline's Role does not grant`,
      ]);
    });

    it('a param or context value spliced into a step script; the paths Tekton sets and env values are fine', () => {
      const task = {
        apiVersion: 'tekton.dev/v1',
        kind: 'Task',
        metadata: { name: 'gate' },
        spec: {
          steps: [
            {
              name: 'bash',
              env: [{ name: 'REF', value: '$(params.git-ref)' }],
              script:
                'echo "${REF}" "$(params.git-ref)" $(params["git-ref"]) > "$(results.gate.path)"; ls $(workspaces.model-storage.path) $(context.taskRun.name) $(date +%s)',
            },
            {
              name: 'python',
              script:
                '#!/usr/bin/env python3\nlimit = float("$(params.max-regression)")\nopen("$(results[\'gate\'].path)")\n',
            },
          ],
        },
      };
      const spliced = (i: number, variable: string) =>
        `Task gate.spec.steps[${i}].script: ${variable} is spliced into the script's text before it runs; pass it as an env var (tektoncd/pipeline docs/tasks.md, "Substituting in Script blocks")`;
      expect(objectProblems(objectsOf(JSON.stringify(task)))).toEqual([
        spliced(0, '$(params.git-ref)'),
        spliced(0, '$(params["git-ref"])'),
        spliced(0, '$(context.taskRun.name)'),
        spliced(1, '$(params.max-regression)'),
      ]);
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
