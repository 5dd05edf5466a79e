/**
 * Prints the hottest functions of a V8 `.cpuprofile` (as written by `node --cpu-prof`,
 * e.g. via `npm run bench -- --profile DIR`): self time and total (inclusive) time,
 * by function and source location. `node bench/cpu-profile-top.ts FILE [N]`.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.startsWith('file:') ? relative(root, fileURLToPath(url)) : url}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
}

/** Self and inclusive milliseconds per frame name, plus the profile's total. */
export function summarize(profile: CpuProfile): { totalMs: number; self: Map<string, number>; total: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let totalMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const leaf = byId.get(profile.samples[i]!)!;
    self.set(frameName(leaf), (self.get(frameName(leaf)) ?? 0) + ms);
    // Count each frame once per sample even when it recurses.
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const name = frameName(byId.get(id)!);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + ms);
    }
  }
  return { totalMs, self, total };
}

function top(map: Map<string, number>, n: number, totalMs: number): string {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((ms / totalMs) * 100).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('Usage: node bench/cpu-profile-top.ts FILE.cpuprofile [N]\n');
    process.exit(2);
  }
  const n = Number(process.argv[3] ?? 30);
  const { totalMs, self, total } = summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  process.stdout.write(`profile: ${totalMs.toFixed(0)} ms sampled\n\nself time:\n${top(self, n, totalMs)}\n\ninclusive time:\n${top(total, n, totalMs)}\n`);
}
