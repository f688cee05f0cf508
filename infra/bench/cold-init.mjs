// Runs in a fresh Node process per measurement (spawned by bundles.ts): imports one bundle and
// invokes it once, printing the timings as one JSON line. Plain JavaScript, so that no loader
// (tsx) adds to the process time being measured.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [bundle, eventJson, contextJson] = process.argv.slice(2);
// Milliseconds Node took from process start until this line: the floor no bundle can beat.
const nodeStartMs = performance.now();
const mod = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const result = await mod.handler(JSON.parse(eventJson), JSON.parse(contextJson));
const invoked = performance.now();
// The same request again, warm: what the request itself costs (a store's round trip, a
// password hash) once nothing is left to load, build or connect.
await mod.handler(JSON.parse(eventJson), JSON.parse(contextJson));
const again = performance.now();
console.log(
  JSON.stringify({
    nodeStartMs,
    importMs: imported - nodeStartMs,
    firstInvokeMs: invoked - imported,
    warmInvokeMs: again - invoked,
    status: result.statusCode,
  }),
);
// The SDK's keep-alive sockets would hold the process open.
process.exit(0);
