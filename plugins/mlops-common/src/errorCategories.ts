/**
 * Every error category of a notebook validation job. All but `build_failed` and
 * `golden_notebook_mismatch` are the values the Jupyter Notebook Validator Operator's
 * script writes as `error_category` in the "Results Summary:" block of the validation
 * pod's log. backstage-mlops adds `build_failed` for jobs that fail before the notebook
 * runs because the image build of `spec.podConfig.buildConfig` failed, and
 * `golden_notebook_mismatch` for jobs whose notebook ran but whose outputs differ from
 * the golden notebook (`status.comparisonResult.result: failed`).
 *
 * @public
 */
export const MLOPS_ERROR_CATEGORIES = [
  'none',
  'configuration_error',
  'dependency_install_failed',
  'environment_setup_failed',
  'notebook_execution_failed',
  'validation_stderr_failure',
  'validation_warning_failure',
  'validation_strict_mode_failure',
  'build_failed',
  'golden_notebook_mismatch',
  'unknown',
] as const;

/**
 * Why a notebook validation job failed, in the operator's vocabulary; see
 * {@link MLOPS_ERROR_CATEGORIES}.
 *
 * @public
 */
export type MlopsErrorCategory = (typeof MLOPS_ERROR_CATEGORIES)[number];

/**
 * What an error category means and what to do about it, in plain words for the UI.
 *
 * @public
 */
export interface MlopsErrorCategoryHint {
  /** A short title, e.g. `Dependencies could not be installed`. */
  title: string;
  /** What happened and why. */
  explanation: string;
  /** What to do next. */
  fix: string;
}

/**
 * True when `value` is one of {@link MLOPS_ERROR_CATEGORIES}.
 *
 * @public
 */
export function isMlopsErrorCategory(
  value: unknown,
): value is MlopsErrorCategory {
  return (
    typeof value === 'string' &&
    (MLOPS_ERROR_CATEGORIES as readonly string[]).includes(value)
  );
}

/**
 * Reads an `error_category` value as written by the operator: known values (in any case,
 * with `-` or `_`) are returned as such, any other string becomes `unknown`, and a
 * missing or non-string value gives `undefined`.
 *
 * @public
 */
export function toMlopsErrorCategory(
  value: unknown,
): MlopsErrorCategory | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  const normalized = value.trim().toLowerCase().replace(/-/g, '_');
  return isMlopsErrorCategory(normalized) ? normalized : 'unknown';
}

/**
 * The title, explanation and fix of every error category.
 *
 * @public
 */
export const MLOPS_ERROR_CATEGORY_HINTS: Readonly<
  Record<MlopsErrorCategory, MlopsErrorCategoryHint>
> = {
  none: {
    title: 'No error',
    explanation: 'The notebook ran to the end and passed validation.',
    fix: 'Nothing to do.',
  },
  configuration_error: {
    title: 'The validation job is misconfigured',
    explanation:
      'The job could not start the notebook because something it was told to use is wrong or missing: the git URL, ref or credentials secret, the notebook path, a Tekton task or parameter, or the permissions of its service account.',
    fix: 'Read the job message and its failing condition, then correct the NotebookValidationJob (spec.notebook.git, spec.notebook.path, spec.podConfig.serviceAccountName) or the secret or role it refers to, and run the validation again.',
  },
  dependency_install_failed: {
    title: 'Dependencies could not be installed',
    explanation:
      "The notebook imports a package that is not in the validation image (ModuleNotFoundError or ImportError), and installing it with pip while the job ran failed. On OpenShift this is expected: the default restricted-v2 security context constraint runs the pod under a random user ID from the namespace's range, not the user the image was built for (UID 1000, jovyan), so pip cannot write to the image's user site-packages under /home/jovyan/.local and the install fails, sometimes while still exiting with code 0.",
    fix: "Do not install packages while the notebook runs. Bake the dependencies into the validation image instead: list them in the notebook's requirements.txt and let the model's S2I build produce the image, by enabling spec.podConfig.buildConfig on the NotebookValidationJob (enabled: true, strategy: s2i) or by pointing spec.podConfig.containerImage at the image the model's BuildConfig builds. Do not grant the anyuid SCC and do not hard-code a UID in the image; keep the restricted-v2 SCC.",
  },
  environment_setup_failed: {
    title: 'The environment could not be set up',
    explanation:
      'The validation pod started but could not prepare its environment, usually a PermissionError: OpenShift runs the pod under a random user ID, and the image expects to write to directories owned by another user (such as the home directory). It also covers pods that could not be created at all, e.g. because of a quota or an image that cannot be pulled.',
    fix: "Use an image that works under an arbitrary user ID: files it writes belong in group-writable directories (group 0) or in a mounted volume, and its dependencies are installed at build time, e.g. by the model's S2I BuildConfig. Check the pod's events for quota or image-pull errors. Do not grant the anyuid SCC or hard-code a UID.",
  },
  notebook_execution_failed: {
    title: 'A notebook cell raised an error',
    explanation:
      'The notebook started, and one of its cells failed. The failing cell and its error are listed with the job.',
    fix: "Open the failing cell's error and traceback, fix the notebook (or the data it reads) in git, and run the validation again. Run it in the model's workbench first to reproduce the error.",
  },
  validation_stderr_failure: {
    title: 'A cell wrote to stderr',
    explanation:
      'Every cell ran, but the job validates with failOnStderr, and at least one cell wrote to standard error.',
    fix: 'Remove or silence the output on stderr (e.g. deprecation warnings printed by a library), or turn off spec.validationConfig.failOnStderr for this job.',
  },
  validation_warning_failure: {
    title: 'A cell raised a warning',
    explanation:
      'Every cell ran, but the job validates with failOnWarnings, and at least one cell raised a Python warning.',
    fix: 'Fix the cause of the warning, or filter it explicitly in the notebook, or turn off spec.validationConfig.failOnWarnings for this job.',
  },
  validation_strict_mode_failure: {
    title: 'Strict validation failed',
    explanation:
      'Every cell ran, but the job validates in strict mode and a check failed: an expected output, an assertion or an explicit exit code.',
    fix: "Compare the cells' outputs with spec.validationConfig (expectedOutputs, verifyAssertions, requireExplicitExitCodes), then fix the notebook or relax the configuration.",
  },
  build_failed: {
    title: 'The validation image could not be built',
    explanation:
      'The job builds its image first (spec.podConfig.buildConfig), and that build failed, so the notebook never ran. Most often a requirement in requirements.txt cannot be installed or resolved, or the base image cannot be pulled.',
    fix: "Open the build's log, fix requirements.txt (or the Dockerfile) or the base image in git, and start the build again. The job will use the new image on its next run.",
  },
  golden_notebook_mismatch: {
    title: 'The outputs differ from the golden notebook',
    explanation:
      'Every cell ran, but the job compares the executed notebook with its golden notebook (spec.goldenNotebook) and some cells produced other outputs than the golden ones. The differing cells are listed with the job.',
    fix: "Look at each differing cell's expected and actual output. If the notebook is right and the golden notebook is out of date, update the golden notebook in git; if the difference is noise (timestamps, floating-point digits), relax spec.comparisonConfig (strategy normalized, floatingPointTolerance, ignoreOutputTypes); otherwise fix the notebook.",
  },
  unknown: {
    title: 'Unknown error',
    explanation:
      'The job failed, and the operator did not say why in a form backstage-mlops recognises.',
    fix: "Read the job's message and conditions, and the validation pod's log.",
  },
};

/**
 * The hint of an error category.
 *
 * @public
 */
export function getMlopsErrorCategoryHint(
  category: MlopsErrorCategory,
): MlopsErrorCategoryHint {
  return MLOPS_ERROR_CATEGORY_HINTS[category];
}
