import { buildFixtures } from './build';
import { inferenceServiceFixtures } from './kserve';
import { pipelineRunFixtures, taskRunFixtures } from './tekton';
import type { StatusFixture } from './types';
import { validationJobFixtures } from './validation';
import { workbenchFixtures } from './workbench';

/**
 * The status corpus: objects of every kind backstage-mlops reads, written after the
 * upstream projects' own types, controllers and docs, each naming the files it follows,
 * with what the status vocabulary must read from them.
 */
export const statusCorpus: StatusFixture[] = [
  ...pipelineRunFixtures,
  ...taskRunFixtures,
  ...inferenceServiceFixtures,
  ...validationJobFixtures,
  ...buildFixtures,
  ...workbenchFixtures,
];

export type * from './types';
export {
  buildFixtures,
  inferenceServiceFixtures,
  pipelineRunFixtures,
  taskRunFixtures,
  validationJobFixtures,
  workbenchFixtures,
};
