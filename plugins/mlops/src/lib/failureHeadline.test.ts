import { failureHeadline } from './failureHeadline';

describe('failureHeadline', () => {
  it('takes the last line of a Python traceback, where the error is named', () => {
    const message = [
      'ModelLoadFailed',
      'Traceback (most recent call last):',
      '  File "/sklearnserver/sklearnserver/model.py", line 46, in load',
      '    raise ModelMissingError(model_path)',
      'kserve.errors.ModelMissingError: /mnt/models',
      '',
    ].join('\n');
    expect(failureHeadline(message)).toBe(
      'kserve.errors.ModelMissingError: /mnt/models',
    );
  });

  it('takes the first line of any other message', () => {
    expect(
      failureHeadline('Back-off pulling image "x"\nmore detail below'),
    ).toBe('Back-off pulling image "x"');
  });

  it('cuts a long line with an ellipsis', () => {
    const headline = failureHeadline('a'.repeat(300), 20);
    expect(headline).toHaveLength(20);
    expect(headline.endsWith('…')).toBe(true);
  });

  it('gives an empty string for a message of blank lines', () => {
    expect(failureHeadline('\n  \n')).toBe('');
  });
});
