// A read-only npm registry on loopback for the adopter stage: it serves the tarballs
// that `yarn pack` made of this repository's packages, so the fresh app installs them
// with the README's own `yarn add` lines, as it would from the npm registry. Only what
// Yarn reads: a package's document (GET /<name>) and its tarball.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename } from 'node:path';

/** The package.json inside a packed tarball. */
function packedManifest(tarball) {
  return JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
}

/**
 * Starts the registry for these tarballs on 127.0.0.1 (a free port); resolves to its
 * URL (`http://localhost:<port>`) and a close function.
 */
export async function startLocalRegistry(tarballs) {
  const packages = new Map();
  for (const file of tarballs) {
    const manifest = packedManifest(file);
    const bytes = readFileSync(file);
    packages.set(manifest.name, { manifest, bytes, file: basename(file) });
  }
  let base = '';
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const tarballMatch = /^\/-\/tarballs\/(.+)$/.exec(path);
    if (tarballMatch) {
      const entry = [...packages.values()].find(
        p => p.file === tarballMatch[1],
      );
      if (!entry) return notFound(res);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.end(entry.bytes);
    }
    const entry = packages.get(path.slice(1));
    if (!entry) return notFound(res);
    const { manifest, bytes, file } = entry;
    const version = {
      ...manifest,
      _id: `${manifest.name}@${manifest.version}`,
      dist: {
        tarball: `${base}/-/tarballs/${encodeURIComponent(file)}`,
        shasum: createHash('sha1').update(bytes).digest('hex'),
        integrity: `sha512-${createHash('sha512')
          .update(bytes)
          .digest('base64')}`,
      },
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(
      JSON.stringify({
        name: manifest.name,
        'dist-tags': { latest: manifest.version },
        versions: { [manifest.version]: version },
      }),
    );
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://localhost:${server.address().port}`;
  return {
    url: base,
    names: [...packages.keys()],
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

function notFound(res) {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: 'not found' }));
}
