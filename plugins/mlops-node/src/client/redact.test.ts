import { createRedactor } from './redact';

describe('createRedactor', () => {
  const redact = createRedactor(['my-static-token-1234', undefined, 'abc']);

  it('removes configured secrets, bearer tokens and JWTs', () => {
    expect(redact('token my-static-token-1234 was refused')).toBe(
      'token [REDACTED] was refused',
    );
    expect(redact('Authorization: Bearer abc.def-ghi')).toBe(
      'Authorization: Bearer [REDACTED]',
    );
    expect(
      redact('got eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.sig_nature here'),
    ).toBe('got [REDACTED] here');
  });

  it('leaves ordinary text and short secrets alone', () => {
    expect(redact('connect ECONNREFUSED 127.0.0.1:6443 (abc)')).toBe(
      'connect ECONNREFUSED 127.0.0.1:6443 (abc)',
    );
  });
});
