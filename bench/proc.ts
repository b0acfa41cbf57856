// Process and timing helpers shared by the bench parts: bounded waits and stopping a child
// (or its whole process group). Never starts anything itself.
import type { ChildProcess } from 'node:child_process';

/** `p`, or 'timeout' after `ms`; the timer is cleared either way so it never holds the process open. */
export function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<'timeout'>((ok) => { timer = setTimeout(() => ok('timeout'), ms); });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms));
}

/** SIGTERM, then SIGKILL after 5 s; `group` signals the child's whole process group (spawned detached). */
export async function stopChild(child: ChildProcess, group: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const kill = (sig: NodeJS.Signals) => { try { if (group) process.kill(-child.pid!, sig); else child.kill(sig); } catch { /* gone */ } };
  kill('SIGTERM');
  if ((await within(exited, 5000)) !== 'timeout') return;
  kill('SIGKILL');
  await within(exited, 2000);
}
