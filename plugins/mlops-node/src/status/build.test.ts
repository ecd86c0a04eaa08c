import { toSlimMlopsObject } from '../kinds/toSlimMlopsObject';
import { buildFixtures } from './corpus';
import { readBuild } from './build';

/** The expected log snippet, when the corpus states one. */
function snippetMatching(snippet: RegExp | undefined) {
  return snippet ? expect.stringMatching(snippet) : undefined;
}

describe('the build vocabulary over the corpus', () => {
  it.each(buildFixtures.map(f => [f.id, f] as const))('%s', (_id, fixture) => {
    const build = toSlimMlopsObject('builds', fixture.object);
    if (!build) throw new Error('the fixture has no valid metadata');
    const reading = readBuild(build);
    expect({
      status: reading.status,
      reason: reading.reason,
      logSnippet: reading.logSnippet,
      stages: reading.stages?.length,
    }).toEqual({
      status: fixture.expect.status,
      reason: fixture.expect.reason,
      logSnippet: snippetMatching(fixture.expect.logSnippet),
      stages: fixture.expect.stages,
    });
  });

  it('reads the duration in nanoseconds and the stage durations in seconds', () => {
    const complete = buildFixtures.find(f => f.id === 'build-complete')!;
    const reading = readBuild(toSlimMlopsObject('builds', complete.object)!);
    expect(reading.durationSeconds).toBe(180);
    expect(reading.stages?.[2]).toEqual(
      expect.objectContaining({ name: 'Build', durationSeconds: 150 }),
    );
    expect(reading.imageDigest).toMatch(/^sha256:/);
  });
});
