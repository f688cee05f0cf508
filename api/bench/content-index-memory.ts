// Where a loaded content index's memory goes: builds an artifact of N generated reviews (in its
// own process), then, in a fresh process run with --expose-gc, reads it as a content process
// does (the bytes as the blob store returns them) and prints resident memory, V8 heap, external
// memory and array buffers after each step: once as it stands (what the process holds, freed or
// not) and once after two full GCs (what is live). The gap between the two is memory freed but
// not yet returned to the system. Not a test: figures vary by machine.
// Usage: npx tsx api/bench/content-index-memory.ts [reviews=100000]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndexArtifact } from '../src/services/content-index/build-index-artifact.js';
import { loadContentIndex } from '../src/services/content-index/load-content-index.js';
import { createCursorCodec } from '../src/services/cursor.js';
import { generatedEntries, generatedEntry } from './content-index-entries.js';

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

function figures() {
  const m = process.memoryUsage();
  return {
    rss: mb(m.rss),
    heapUsed: mb(m.heapUsed),
    external: mb(m.external),
    arrayBuffers: mb(m.arrayBuffers),
  };
}

function step(name: string, rows: Record<string, unknown>[], start?: number) {
  const as = figures();
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  gc();
  const live = figures();
  rows.push({
    step: name,
    ms: start === undefined ? undefined : Math.round(performance.now() - start),
    rss: as.rss,
    rssAfterGc: live.rss,
    heapUsed: live.heapUsed,
    external: live.external,
    arrayBuffers: live.arrayBuffers,
  });
}

function measure(file: string, count: number) {
  const rows: Record<string, unknown>[] = [];
  step('baseline', rows);
  // As the filesystem blob store reads it: one exactly sized Uint8Array.
  let bytes: Uint8Array | undefined = new Uint8Array(readFileSync(file));
  step('read', rows);
  let t = performance.now();
  const index = loadContentIndex(bytes, { cursors: createCursorCodec('bench') });
  bytes = undefined;
  step('load', rows, t);
  t = performance.now();
  index.list({ limit: 20 });
  step('list', rows, t);
  t = performance.now();
  index.list({ q: 'autofocus', limit: 20 });
  step('search autofocus (typo-tolerant)', rows, t);
  t = performance.now();
  index.list({ q: 'fujiflim', brand: 'fujifilm', limit: 20 });
  step('search fujiflim', rows, t);
  t = performance.now();
  index.list({ q: 'a', sort: 'rating', limit: 20 });
  step('search prefix a', rows, t);
  t = performance.now();
  index.has(generatedEntry(Math.floor(count / 2)).slug);
  step('has (slug index)', rows, t);
  t = performance.now();
  index.cameras();
  step('cameras', rows, t);
  return rows;
}

const [mode, arg, file] = process.argv.slice(2);
if (mode === '--build') {
  const artifact = buildIndexArtifact(generatedEntries(Number(arg)));
  writeFileSync(file!, artifact.bytes);
} else if (mode === '--load') {
  console.log(JSON.stringify(measure(file!, Number(arg))));
} else {
  const count = Number(mode ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'content-index-memory-'));
  const self = fileURLToPath(import.meta.url);
  const run = (args: string[]) =>
    execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, ...args], {
      encoding: 'utf8',
      maxBuffer: 1e6,
    });
  try {
    const artifact = join(dir, `${count}.idx`);
    run(['--build', String(count), artifact]);
    const size = mb(readFileSync(artifact).length);
    console.log(`${count} reviews, artifact ${size} MB`);
    console.table(JSON.parse(run(['--load', String(count), artifact])));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
