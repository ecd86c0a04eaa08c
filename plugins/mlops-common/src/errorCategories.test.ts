import {
  getMlopsErrorCategoryHint,
  isMlopsErrorCategory,
  MLOPS_ERROR_CATEGORIES,
  MLOPS_ERROR_CATEGORY_HINTS,
  toMlopsErrorCategory,
} from './errorCategories';

describe('error categories', () => {
  it('has the operator categories and a plain-words hint for each', () => {
    expect(MLOPS_ERROR_CATEGORIES).toEqual(
      expect.arrayContaining([
        'none',
        'configuration_error',
        'dependency_install_failed',
        'environment_setup_failed',
        'notebook_execution_failed',
        'validation_stderr_failure',
        'validation_warning_failure',
        'validation_strict_mode_failure',
        'unknown',
      ]),
    );
    for (const category of MLOPS_ERROR_CATEGORIES) {
      const hint = getMlopsErrorCategoryHint(category);
      expect(hint.title).not.toBe('');
      expect(hint.explanation.length).toBeGreaterThan(20);
      expect(hint.fix.length).toBeGreaterThan(10);
    }
    expect(Object.keys(MLOPS_ERROR_CATEGORY_HINTS).sort()).toEqual(
      [...MLOPS_ERROR_CATEGORIES].sort(),
    );
  });

  it('explains why runtime pip fails on OpenShift and points to the S2I build', () => {
    const { explanation, fix } = getMlopsErrorCategoryHint(
      'dependency_install_failed',
    );
    expect(explanation).toMatch(/random user ID/);
    expect(explanation).toMatch(/restricted-v2/);
    expect(explanation).toMatch(/\/home\/jovyan\/\.local/);
    expect(fix).toMatch(/S2I/);
    expect(fix).toMatch(/spec\.podConfig\.buildConfig/);
    expect(fix).toMatch(/strategy: s2i/);
    expect(fix).toMatch(/BuildConfig/);
    // never suggests the insecure way out
    expect(fix).toMatch(
      /Do not grant the anyuid SCC and do not hard-code a UID/,
    );
  });

  it('reads error_category values as the operator writes them', () => {
    expect(toMlopsErrorCategory('dependency_install_failed')).toBe(
      'dependency_install_failed',
    );
    expect(toMlopsErrorCategory(' Dependency-Install-Failed ')).toBe(
      'dependency_install_failed',
    );
    expect(toMlopsErrorCategory('cosmic_rays')).toBe('unknown');
    expect(toMlopsErrorCategory('')).toBeUndefined();
    expect(toMlopsErrorCategory(3)).toBeUndefined();
    expect(isMlopsErrorCategory('none')).toBe(true);
    expect(isMlopsErrorCategory('None')).toBe(false);
  });
});
