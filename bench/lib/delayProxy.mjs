// A TCP proxy that delays every chunk by half a round trip in each direction, to
// stand in for a cluster across a network (TLS passes through untouched). It runs in
// a worker thread: the benchmarks block their own thread at times (execFileSync of
// the dev cluster's CLI and kubectl, e.g. while the scale data set is written for a
// minute), and a proxy on that thread would then forward nothing, so the backend's
// watches would time out and relist, which is the benchmark's doing, not the backend's.
import { createServer, connect } from 'node:net';
import {
  isMainThread,
  parentPort,
  Worker,
  workerData,
} from 'node:worker_threads';

function serve({ hostname, port, rttMs }) {
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
  server.listen(0, '127.0.0.1', () =>
    parentPort.postMessage({ port: server.address().port }),
  );
}

if (!isMainThread && workerData?.delayProxy) {
  serve(workerData.delayProxy);
}

/** Starts the proxy on a free loopback port; resolves to { url, close }. */
export function startDelayProxy(target, rttMs) {
  const { hostname, port } = new URL(target);
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { delayProxy: { hostname, port, rttMs } },
  });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', ({ port: listening }) =>
      resolve({
        url: `https://127.0.0.1:${listening}`,
        close: () => worker.terminate(),
      }),
    );
  });
}
