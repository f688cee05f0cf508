import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import {
  buildReaderScript,
  READER_SCRIPT_MODULE,
  readerScriptModule,
} from './build-reader-script.js';

// npm run build:pages: rebuilds the reader site's island after client/reader.ts changed, written
// as prettier would (npm run lint checks every file).
const script = buildReaderScript();
const options = (await resolveConfig(READER_SCRIPT_MODULE)) ?? {};
writeFileSync(
  READER_SCRIPT_MODULE,
  await format(readerScriptModule(script), { ...options, filepath: READER_SCRIPT_MODULE }),
);
console.log(`Wrote ${READER_SCRIPT_MODULE} (${script.length} bytes)`);
