import { ConflictError, NotAllowedError } from '@backstage/errors';
import { statusError } from '../testUtils/FakeClusterClient';
import { retryOnConflict } from './retryOnConflict';

describe('retryOnConflict', () => {
  it('tries again after a 409 and returns the first success', async () => {
    const attempt = jest
      .fn()
      .mockRejectedValueOnce(
        statusError('dev', 409, 'the object has been modified'),
      )
      .mockResolvedValueOnce('done');
    await expect(retryOnConflict('Notebook wb', attempt)).resolves.toBe('done');
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('reports a conflict that does not go away, naming the object', async () => {
    const attempt = jest.fn().mockRejectedValue(statusError('dev', 409));
    const failure = retryOnConflict(
      'PipelineRun r in namespace ml',
      attempt,
      3,
    );
    await expect(failure).rejects.toBeInstanceOf(ConflictError);
    await expect(failure).rejects.toThrow(
      'PipelineRun r in namespace ml was changed by someone else 3 times in a row',
    );
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('does not retry other errors, nor a ConflictError the write raised itself', async () => {
    const denied = jest.fn().mockRejectedValue(statusError('dev', 403));
    await expect(retryOnConflict('x', denied)).rejects.toBeInstanceOf(
      NotAllowedError,
    );
    expect(denied).toHaveBeenCalledTimes(1);
    const finished = jest
      .fn()
      .mockRejectedValue(new ConflictError('has already finished'));
    await expect(retryOnConflict('x', finished)).rejects.toThrow(
      'has already finished',
    );
    expect(finished).toHaveBeenCalledTimes(1);
  });
});
