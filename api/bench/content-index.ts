// Measures the content index artifact: build time and size for 1,000 / 10,000 / 100,000
// generated reviews, then, in a fresh process per size (so nothing else sits in its heap), load
// time, first list and search times, heap and resident memory. Not a test: figures vary by
// machine. Usage: npx tsx api/bench/content-index.ts [sizes...]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndexArtifact } from '../src/services/content-index/build-index-artifact.js';
import { loadContentIndex } from '../src/services/content-index/load-content-index.js';
import { createCursorCodec } from '../src/services/cursor.js';
import { generatedEntries } from './content-index-entries.js';

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const ms = (from: number) => Math.round(performance.now() - from);

async function build(count: number, file: string) {
  const entries = generatedEntries(count);
  const start = performance.now();
  const artifact = buildIndexArtifact(entries);
  const buildMs = ms(start);
  writeFileSync(file, artifact.bytes);
  const bytes = artifact.bytes;
  const { sections } = JSON.parse(Buffer.from(bytes).toString('utf8', 0, bytes.indexOf(0x0a))) as {
    sections: Record<string, [number, number]>;
  };
  return {
    buildMs,
    buildRssMB: mb(process.memoryUsage().rss),
    artifactMB: mb(bytes.length),
    reviewsMB: mb(sections.reviews![1]),
    postingsMB: mb(sections.postings![1]),
    vocabularyMB: mb(sections.vocabulary![1]),
    camerasMB: mb(sections.cameras![1]),
  };
}

async function load(file: string) {
  const gc = (globalThis as { gc?: () => void }).gc!;
  let bytes: Uint8Array | undefined = new Uint8Array(readFileSync(file));
  const start = performance.now();
  const index = loadContentIndex(bytes, { cursors: createCursorCodec('bench') });
  const loadMs = ms(start);
  bytes = undefined; // a content process keeps the index, not the artifact
  let at = performance.now();
  index.list({ limit: 20 });
  const firstListMs = ms(at);
  at = performance.now();
  const found = index.list({ q: 'autofocus', limit: 20 });
  const firstSearchMs = ms(at);
  at = performance.now();
  index.list({ q: 'fujiflim', brand: 'fujifilm', limit: 20 });
  const typoSearchMs = ms(at);
  at = performance.now();
  index.list({ q: 'a', sort: 'rating', limit: 20 });
  const broadPrefixMs = ms(at);
  at = performance.now();
  const cameraRows = index.cameras().items.length;
  const camerasMs = ms(at);
  const deep = index.list({ q: 'review', limit: 20 });
  at = performance.now();
  index.list({ q: 'review', limit: 20, cursor: deep.nextCursor! });
  const secondPageMs = ms(at);
  gc();
  gc();
  const memory = process.memoryUsage();
  return {
    loadMs,
    firstListMs,
    firstSearchMs,
    typoSearchMs,
    broadPrefixMs,
    secondPageMs,
    camerasMs,
    cameraRows,
    autofocusHits: found.total,
    heapMB: mb(memory.heapUsed),
    externalMB: mb(memory.external),
    rssMB: mb(memory.rss),
  };
}

const [mode, arg, file] = process.argv.slice(2);
if (mode === '--build') console.log(JSON.stringify(await build(Number(arg), file!)));
else if (mode === '--load') console.log(JSON.stringify(await load(arg!)));
else {
  const sizes = process.argv.slice(2).map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'content-index-'));
  const self = fileURLToPath(import.meta.url);
  const run = (args: string[]) =>
    JSON.parse(
      execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, ...args], {
        encoding: 'utf8',
        maxBuffer: 1e6,
      }),
    ) as Record<string, number>;
  try {
    for (const count of sizes.length > 0 ? sizes : [1_000, 10_000, 100_000]) {
      const artifact = join(dir, `${count}.ndjson`);
      const built = run(['--build', String(count), artifact]);
      const loaded = run(['--load', artifact]);
      console.log(JSON.stringify({ reviews: count, ...built, ...loaded }));
      rmSync(artifact);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
