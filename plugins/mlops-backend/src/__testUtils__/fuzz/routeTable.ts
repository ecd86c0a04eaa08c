import { readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Stands in for any dependency: every property is a function returning another. */
function anything(): any {
  const fn = () => anything();
  return new Proxy(fn, { get: () => anything() });
}

function collect(stack: Layer[], out: Array<{ method: string; path: string }>) {
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        out.push({ method: method.toUpperCase(), path: layer.route.path });
      }
    } else if (layer.handle?.stack) {
      collect(layer.handle.stack, out);
    }
  }
}

/**
 * The routes the mlops backend's route modules register: every `create…Routes`
 * export of `src/routes/*.ts`, called with stand-in dependencies, read from its
 * express router. A new route file is found without being named here.
 *
 * @internal
 */
export function registeredMlopsRoutes(): Array<{
  method: string;
  path: string;
}> {
  const dir = join(__dirname, '..', '..', 'routes');
  const routes: Array<{ method: string; path: string }> = [];
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(join(dir, file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (!/^create\w*Routes$/.test(name) || typeof value !== 'function') {
        continue;
      }
      const router = value(anything()) as { stack: Layer[] };
      collect(router.stack, routes);
    }
  }
  return routes;
}
