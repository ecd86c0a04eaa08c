import {
  FUZZ_REGISTRY_ACTIONS,
  FUZZ_ROUTES,
  uncoveredInventory,
} from './inventory';
import { registeredMlopsRoutes } from './routeTable';
import { classify } from './runFuzz';
import { fuzzCases } from './cases';

// The fuzz bench's own parts: that the inventory check fails on a route, action or
// annotation it does not know, and how an answer is judged.

const routes = FUZZ_ROUTES.map(({ method, path }) => ({ method, path }));
const registryActions = FUZZ_REGISTRY_ACTIONS.map(a => a.id);

describe('the fuzz inventory', () => {
  it('covers every route the route modules register', () => {
    const registered = registeredMlopsRoutes();
    expect(registered.length).toBeGreaterThan(10);
    expect(
      uncoveredInventory({
        routes: registered,
        registryActions,
        annotationKeys: [],
      }),
    ).toEqual([]);
  });

  it('names a route, an action or an annotation that it lacks', () => {
    expect(
      uncoveredInventory({
        routes: [
          ...routes,
          { method: 'POST', path: '/entity/:kind/:namespace/:name/new' },
        ],
        registryActions: [...registryActions, 'mlops:new-action'],
        scaffolderActions: ['mlops:new:step'],
        annotationKeys: ['mlops.backstage.io/new'],
      }),
    ).toEqual(
      expect.arrayContaining([
        'route POST /entity/:kind/:namespace/:name/new is not in the fuzz inventory',
        'actions registry action mlops:new-action is not in the fuzz inventory',
        'scaffolder action mlops:new:step is not in the fuzz inventory',
        'annotation mlops.backstage.io/new is not in the fuzz inventory',
      ]),
    );
  });

  it('reports a route of the inventory that the code no longer serves', () => {
    const withoutClusters = routes.filter(r => r.path !== '/clusters');
    expect(
      uncoveredInventory({
        routes: withoutClusters,
        registryActions,
        annotationKeys: [],
      }),
    ).toEqual(['route GET /clusters of the inventory is not served']);
  });
});

describe('judging an answer', () => {
  const bad = {
    target: 'POST /summary',
    mutation: 'body entityRefs = 42',
    method: 'POST' as const,
    path: '/api/mlops/summary',
    headers: {},
    names: ['entityRefs'],
  };

  it('passes a 4xx whose error names the field, in its message or details', () => {
    expect(
      classify(bad, {
        status: 400,
        text: 'invalid request body: entityRefs must be a list',
      }),
    ).toBeUndefined();
    expect(
      classify(bad, {
        status: 400,
        text: 'Invalid input {"path":["entityRefs"]}',
      }),
    ).toBeUndefined();
  });

  it('fails a 5xx, an unnamed 4xx, bad input accepted and no answer', () => {
    expect(classify(bad, { status: 500, text: 'boom' })).toBe('5xx');
    expect(classify(bad, { status: 400, text: 'invalid request body' })).toBe(
      'unnamed-4xx',
    );
    expect(classify(bad, { status: 200 })).toBe('accepted');
    expect(classify(bad, { status: 0 })).toBe('no-answer');
    expect(classify({ ...bad, names: [''] }, { status: 400, text: 'x' })).toBe(
      'unnamed-4xx',
    );
  });

  it('asks only for no 5xx of an input that may be valid', () => {
    const maybe = { ...bad, names: undefined };
    expect(classify(maybe, { status: 200 })).toBeUndefined();
    expect(
      classify(maybe, { status: 404, text: 'no such thing' }),
    ).toBeUndefined();
    expect(classify(maybe, { status: 503 })).toBe('5xx');
  });
});

describe('fuzzCases', () => {
  it('generates the same inputs from the same seed', () => {
    const generate = (seed: number) => {
      const { next } = fuzzCases({
        seed,
        registrySchemas: {},
        served: () => true,
        baseline: {
          run: 'r1',
          run2: 'r2',
          taskRun: 't',
          step: 's',
          build: 'b',
        },
      });
      return Array.from({ length: 200 }, () => next());
    };
    expect(generate(5)).toEqual(generate(5));
    expect(generate(5)).not.toEqual(generate(6));
  });
});
