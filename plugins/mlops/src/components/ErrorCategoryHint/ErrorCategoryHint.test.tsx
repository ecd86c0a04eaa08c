import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { ErrorCategoryHint } from './ErrorCategoryHint';

describe('ErrorCategoryHint', () => {
  it('explains why runtime pip fails on OpenShift and points to the S2I build', async () => {
    await renderInTestApp(
      <ErrorCategoryHint category="dependency_install_failed" />,
    );

    const note = screen.getByRole('note');
    expect(note).toHaveTextContent('Dependencies could not be installed');
    expect(note).toHaveTextContent('(dependency_install_failed)');
    expect(note).toHaveTextContent(/restricted-v2 security context constraint/);
    expect(note).toHaveTextContent(/random user ID/);
    expect(note).toHaveTextContent(/pip cannot write/);
    expect(note).toHaveTextContent(/What to do:/);
    expect(note).toHaveTextContent(/S2I build/);
    expect(note).toHaveTextContent(/spec\.podConfig\.buildConfig/);
  });

  it('gives the title, explanation and fix of other categories', async () => {
    await renderInTestApp(
      <ErrorCategoryHint category="notebook_execution_failed" />,
    );

    expect(screen.getByRole('note')).toHaveTextContent(
      /A notebook cell raised an error.*one of its cells failed.*What to do:.*fix the notebook/,
    );
  });
});
