// A TCP proxy that delays every chunk by half a round trip in each direction, to
// stand in for a cluster across a network (TLS passes through untouched).
import { createServer, connect } from 'node:net';

/** Starts the proxy on a free loopback port; resolves to { url, close }. */
export function startDelayProxy(target, rttMs) {
  const { hostname, port } = new URL(target);
  const half = rttMs / 2;
  const pipe = (from, to) => {
    from.on('data', chunk => setTimeout(() => to.write(chunk), half));
    from.on('end', () => setTimeout(() => to.end(), half));
    from.on('error', () => to.destroy());
  };
  const server = createServer(client => {
    const upstream = connect(Number(port), hostname);
    pipe(client, upstream);
    pipe(upstream, client);
  });
  return new Promise(resolve => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `https://127.0.0.1:${server.address().port}`,
        close: () => server.close(),
      });
    });
  });
}
