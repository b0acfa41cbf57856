// Summarises a V8 CPU profile (node --cpu-prof) as the functions with the most self time, and the
// files they are in: `npx tsx bench/profile.ts file.cpuprofile [top] [phase]`. Used to profile the
// batch path of the sync server (BENCH_CPU_PROF=dir npx tsx bench/server.ts --ingest). With a
// phase name, only the samples taken while that phase of the bench ran count (the bench writes
// each phase's start and end to phases.json beside the profiles; both clocks are CLOCK_MONOTONIC),
// so enrolment and start-up do not hide the batch path.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

/** Self time per function and per file, in ms, largest first. */
export function summarise(profile: Profile, top = 30, window?: { startUs: number; endUs: number }): { functions: [string, number][]; files: [string, number][]; totalMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.startUs || at > window.endUs)) continue;
    self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + delta / 1000);
  }
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    const where = f.url.replace(/^.*\/(node_modules\/[^/]+|src|server|bench)\//, '$1/') || '(native)';
    fn.set(`${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`, (fn.get(`${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`) ?? 0) + ms);
    file.set(where, (file.get(where) ?? 0) + ms);
  }
  const sort = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => [k, Math.round(v)] as [string, number]);
  const span = window ? Math.min(profile.endTime, window.endUs) - Math.max(profile.startTime, window.startUs) : profile.endTime - profile.startTime;
  return { functions: sort(fn), files: sort(file), totalMs: Math.round(Math.max(0, span) / 1000) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [path, top, phase] = process.argv.slice(2);
  if (!path) throw new Error('usage: tsx bench/profile.ts file.cpuprofile [top] [phase]');
  const phases = phase ? (JSON.parse(readFileSync(join(dirname(path), 'phases.json'), 'utf8')) as Record<string, { startUs: number; endUs: number }>) : {};
  if (phase && !phases[phase]) throw new Error(`no phase ${phase} in phases.json (${Object.keys(phases).join(', ')})`);
  const s = summarise(JSON.parse(readFileSync(path, 'utf8')) as Profile, Number(top ?? 30), phase ? phases[phase] : undefined);
  process.stdout.write(`total ${s.totalMs} ms\n\nself time by function:\n${s.functions.map(([k, v]) => `${String(v).padStart(7)} ms  ${k}`).join('\n')}\n\nby file:\n${s.files.map(([k, v]) => `${String(v).padStart(7)} ms  ${k}`).join('\n')}\n`);
}
