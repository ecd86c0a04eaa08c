// Small helpers for the project's scripts: run a command, start a process group in the
// background, wait for a URL, read a process group's memory, stop it.
import { spawn } from 'node:child_process';
import { openSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Runs a command with inherited stdio; resolves to its exit code. */
export function run(command, args, options = {}) {
  return new Promise(resolve => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    child.on('error', error => {
      console.error(`[mlops] could not run ${command}: ${error.message}`);
      resolve(127);
    });
  });
}

/** Starts a command in its own process group (in `cwd`), output to logFile. */
export function startGroup(command, args, { logFile, env, cwd }) {
  const out = openSync(logFile, 'a');
  const child = spawn(command, args, {
    cwd,
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, ...env },
  });
  child.unref();
  return child.pid;
}

/** True while some process of the group is alive. */
export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a process group: SIGTERM, then SIGKILL after graceMs. */
export async function stopGroup(pgid, graceMs = 10_000) {
  if (!groupAlive(pgid)) return;
  process.kill(-pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(200);
  if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
}

/** Waits until url answers 2xx; throws with the last error after timeoutMs. */
export async function waitForUrl(url, { timeoutMs, isAlive = () => true }) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the process serving ${url} exited`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await sleep(1000);
  }
  throw new Error(
    `${url} did not become ready within ${timeoutMs / 1000}s (${last})`,
  );
}

/** True when something accepts connections on 127.0.0.1:port or localhost:port. */
export async function portInUse(port) {
  for (const host of ['127.0.0.1', 'localhost']) {
    try {
      await fetch(`http://${host}:${port}/`, {
        signal: AbortSignal.timeout(2000),
      });
      return true;
    } catch (error) {
      if (error.cause?.code !== 'ECONNREFUSED') return true;
    }
  }
  return false;
}

/** Resident memory of every process in a group, in MiB, with the per-process list. */
export function groupRssMiB(pgid) {
  const processes = [];
  for (const pid of readdirSync('/proc').filter(d => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        .split('\0')
        .join(' ')
        .slice(0, 80);
      processes.push({
        pid: Number(pid),
        rssMiB: Math.round(rssKb / 1024),
        cmd,
      });
    } catch {
      // the process ended while we looked
    }
  }
  return { totalMiB: processes.reduce((s, p) => s + p.rssMiB, 0), processes };
}
