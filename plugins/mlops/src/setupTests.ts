import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Tests render whole tabs (tables of 25 runs, charts) in jsdom; on a busy 2-core
// machine a render can take longer than the defaults (5 s per test, 1 s per
// `findBy…`) without anything being wrong.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5000 });
