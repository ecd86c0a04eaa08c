import { commitUrlOf } from './commitUrl';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('commitUrlOf', () => {
  it.each([
    [
      'https://github.com/acme/model.git',
      `https://github.com/acme/model/commit/${SHA}`,
    ],
    [
      'git@github.com:acme/model.git',
      `https://github.com/acme/model/commit/${SHA}`,
    ],
    [
      'https://github.example.com/acme/model',
      `https://github.example.com/acme/model/commit/${SHA}`,
    ],
    [
      'https://gitlab.com/group/sub/model.git',
      `https://gitlab.com/group/sub/model/-/commit/${SHA}`,
    ],
    [
      'ssh://git@gitlab.example.com/group/model.git',
      `https://gitlab.example.com/group/model/-/commit/${SHA}`,
    ],
    [
      'https://bitbucket.org/acme/model',
      `https://bitbucket.org/acme/model/commits/${SHA}`,
    ],
  ])('%s → %s', (repository, expected) => {
    expect(commitUrlOf(repository, SHA)).toBe(expected);
  });

  it.each([
    ['http://127.0.0.1:9418/mlops-demo/model.git', SHA],
    ['https://github.com/', SHA],
    ['not a url', SHA],
    ['https://github.com/acme/model', 'main'],
  ])('has no page for %s at %s', (repository, sha) => {
    expect(commitUrlOf(repository, sha)).toBeUndefined();
  });
});
