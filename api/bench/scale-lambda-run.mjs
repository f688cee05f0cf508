// Runs in a fresh Node process per measurement (spawned by scale.ts): imports the built content
// Lambda and invokes it with each event in turn, printing one JSON line with the import time,
// each invocation's time and status, and the process's resident memory after them. Plain
// JavaScript, so that no loader (tsx) adds to the time or the memory being measured.
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, requestsFile] = process.argv.slice(2);
const { context, events } = JSON.parse(readFileSync(requestsFile, 'utf8'));
const started = performance.now();
const mod = await import(pathToFileURL(bundle).href);
const importMs = performance.now() - started;
const invocations = [];
for (const event of events) {
  const t = performance.now();
  const result = await mod.handler(event, context);
  invocations.push({
    ms: performance.now() - t,
    status: result.statusCode,
    bytes: result.body.length,
  });
}
console.log(JSON.stringify({ importMs, invocations, rss: process.memoryUsage().rss }));
// The SDK's keep-alive sockets would hold the process open.
process.exit(0);
