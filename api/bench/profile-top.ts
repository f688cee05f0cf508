// The functions a V8 CPU profile (`node --cpu-prof`, or `BENCH_PROFILE=DIR npm run bench`) spent
// the most self time in, with their share of the samples: where a hot path's time goes.
// Usage: tsx api/bench/profile-top.ts FILE.cpuprofile [HOW_MANY]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

const [file, howMany = '30'] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx api/bench/profile-top.ts FILE.cpuprofile [HOW_MANY]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfSamples = new Map<string, number>();
for (const id of profile.samples) {
  const frame = byId.get(id)!.callFrame;
  const where = frame.url.replace(/^.*\/(node_modules|api)\//, '$1/');
  const name = `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`;
  selfSamples.set(name, (selfSamples.get(name) ?? 0) + 1);
}
const total = profile.samples.length;
const idle = [...selfSamples]
  .filter(([n]) => n.startsWith('(idle)'))
  .reduce((s, [, c]) => s + c, 0);
console.log(`${total} samples, ${((100 * idle) / total).toFixed(1)}% idle`);
for (const [name, count] of [...selfSamples]
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(howMany))) {
  console.log(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${name}`);
}
