import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  coreServices,
  createServiceFactory,
  type LoggerService,
  type RootLoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { DevCluster } from '@backstage-mlops/dev-cluster';
import { MutationsClusterFixture } from '../__testUtils__/mutationsClusterFixture';
import {
  createTrainingRun,
  demoModel,
  devClusterAccess,
  waitFor,
} from '../__testUtils__/devClusterBackend';
import { mlopsPlugin } from '../plugin';

// Notifications end to end, as a deployment with two backend replicas runs them: two
// backends (each with the mlops plugin and Backstage's real notifications backend) on
// ONE PostgreSQL server (Debian's, started by scripts/postgres.sh as the `postgres`
// stage does), watching the shared dev cluster. A training run of this suite's own
// model fails (the simulated Tekton controller fails its first task); its owner must
// get exactly one notification, although both replicas see the failure. The models
// live in the suite's own namespace (a copy of the seeded demo model's objects): runs
// of new models in the seeded namespaces would be discovered by other suites.

const ROOT = resolve(__dirname, '../../../..');
const SUFFIX = Date.now().toString(36);
const MODEL = `notified-${SUFFIX}`;
const OWNER = 'user:default/notified-owner';
const OPTED_OUT = `quiet-${SUFFIX}`;
const NS = `it-notify-${SUFFIX}`;

/** Captures every log line of one backend, to see what each replica decided. */
class CapturingLogger implements RootLoggerService {
  constructor(readonly lines: string[]) {}
  child(): LoggerService {
    return this;
  }
  error(message: string) {
    this.lines.push(`error ${message}`);
  }
  warn(message: string) {
    this.lines.push(`warn ${message}`);
  }
  info(message: string) {
    this.lines.push(`info ${message}`);
  }
  debug(message: string) {
    this.lines.push(`debug ${message}`);
  }
}

function model(name: string, annotations: Record<string, string> = {}) {
  const entity: Entity = demoModel(
    name,
    { 'mlops.backstage.io/namespace': NS, ...annotations },
    OWNER,
  );
  entity.relations = [{ type: 'ownedBy', targetRef: OWNER }];
  return entity;
}

let cluster: DevCluster;
let fixture: MutationsClusterFixture;
let pgDir: string;
let port: string;
const replicas: Array<{ server: Server; baseUrl: string; lines: string[] }> =
  [];

async function startReplica() {
  const lines: string[] = [];
  const logger = new CapturingLogger(lines);
  const { server } = await startTestBackend({
    features: [
      mlopsPlugin,
      notificationsPlugin,
      devClusterAccess(cluster),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => logger,
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: {
            database: {
              client: 'pg',
              connection: {
                host: '127.0.0.1',
                port: Number(port),
                user: 'backstage',
                password: 'unused-trust-auth',
              },
            },
          },
          mlops: {
            notifications: { modelsRefreshSeconds: 1, settleSeconds: 2 },
          },
        },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      catalogServiceMock.factory({
        entities: [
          model(MODEL),
          model(OPTED_OUT, { 'mlops.backstage.io/notifications': 'off' }),
        ],
      }),
    ],
  });
  const address = server.address() as AddressInfo;
  const replica = {
    server,
    baseUrl: `http://127.0.0.1:${address.port}`,
    lines,
  };
  replicas.push(replica);
  return replica;
}

interface NotificationsResponse {
  totalCount: number;
  notifications: Array<{
    payload: { title: string; link?: string; topic?: string };
  }>;
}

async function ownerNotifications(baseUrl: string, search: string) {
  const res = await fetch(
    `${baseUrl}/api/notifications?search=${encodeURIComponent(search)}`,
    { headers: { authorization: mockCredentials.user.header(OWNER) } },
  );
  expect(res.status).toBe(200);
  return (await res.json()) as NotificationsResponse;
}

/** The decision a replica logged for the failed run (`sent` or `already-claimed`). */
function decisionOf(lines: string[], uid: string): string | undefined {
  const line = lines.find(
    l => l.includes(`pipelineruns/${uid}/failed:`) && l.startsWith('debug'),
  );
  return line?.split(': ').pop();
}

async function runUid(name: string): Promise<string | undefined> {
  const out = await cluster.kubectl([
    'get',
    'pipelinerun',
    name,
    '-n',
    NS,
    '-o',
    'jsonpath={.metadata.uid}',
  ]);
  return out.trim() || undefined;
}

beforeAll(async () => {
  cluster = await DevCluster.fromJestEnvironment();
  fixture = new MutationsClusterFixture(cluster, NS, MODEL, OWNER);
  await fixture.setUp();
  pgDir = join(mkdtempSync(join(tmpdir(), 'mlops-notify-pg-')), 'pg');
  const started = spawnSync(
    'bash',
    [join(ROOT, 'scripts/postgres.sh'), 'start', pgDir],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (started.status !== 0) {
    throw new Error('PostgreSQL did not start (scripts/postgres.sh)');
  }
  port = started.stdout.trim();
  // One after the other: the second replica finds the migrations done.
  await startReplica();
  await startReplica();
});

afterAll(async () => {
  await Promise.all(
    replicas.map(r => new Promise(done => r.server.close(done))),
  );
  if (pgDir) {
    spawnSync('bash', [join(ROOT, 'scripts/postgres.sh'), 'stop', pgDir], {
      stdio: 'inherit',
    });
  }
  await fixture?.tearDown();
});

/** Creates a run of a model that the simulated Tekton controller fails; its name and uid. */
async function failRun(modelName: string) {
  const name = `train-${modelName}-fails`;
  await createTrainingRun(cluster, {
    name,
    namespace: NS,
    model: modelName,
    annotations: { 'sim.mlops.dev/outcome': 'fail' },
  });
  const uid = await waitFor(() => runUid(name), 10_000, 'the run');
  return { name, uid };
}

/** What each replica decided on the failed run, once both have. */
function decisionsOn(uid: string) {
  return waitFor(
    async () => {
      const all = replicas.map(r => decisionOf(r.lines, uid));
      return all.every(Boolean) ? all.sort() : undefined;
    },
    90_000,
    'both replicas to decide on the failed run',
  );
}

it('tells the owner once that a training run failed, with two replicas on one PostgreSQL', async () => {
  const { name, uid } = await failRun(MODEL);
  // Both replicas decide, and exactly one of them sends.
  expect(await decisionsOn(uid)).toEqual(['already-claimed', 'sent']);

  // The owner has one notification, whichever replica is asked.
  for (const replica of replicas) {
    const { totalCount, notifications } = await ownerNotifications(
      replica.baseUrl,
      name,
    );
    expect(totalCount).toBe(1);
    expect(notifications[0].payload).toMatchObject({
      title: `${MODEL}: training run ${name} failed`,
      link: `/catalog/default/component/${MODEL}/training`,
      topic: 'training-failed',
    });
  }
});

it('tells nobody about a model whose annotation turns notifications off', async () => {
  const { name, uid } = await failRun(OPTED_OUT);
  expect(await decisionsOn(uid)).toEqual(['turned-off', 'turned-off']);
  expect((await ownerNotifications(replicas[0].baseUrl, name)).totalCount).toBe(
    0,
  );
});
