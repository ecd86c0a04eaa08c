import '@testing-library/jest-dom';

// Tests render whole tabs (tables of 25 runs, charts) in jsdom; on a busy 2-core
// machine one can take longer than jest's default 5 s without anything being wrong.
jest.setTimeout(30_000);
