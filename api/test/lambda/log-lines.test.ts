import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('../support/lambda-exit-process.ts', import.meta.url));

/** The JSON lines a Lambda process wrote to stdout before it was killed on its return. */
async function linesOf(env: Record<string, string> = {}) {
  // Killed by SIGKILL, so execFile rejects; what reached the pipe is on the error.
  const out = await run(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
  }).catch((error: { stdout?: string; signal?: string }) => {
    expect(error.signal).toBe('SIGKILL');
    return { stdout: error.stdout ?? '' };
  });
  return out.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('a Lambda invocation’s log lines', () => {
  it('are all written before the invocation returns', async () => {
    const lines = await linesOf();
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', requestId: 'req-last-words' }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'request', status: 400, requestId: 'req-last-words' }),
    );
  });

  it('(control) would lose the access line with the server’s asynchronous logger', async () => {
    // What the test above guards against: the second line waits in pino's buffer for the first
    // write's callback, which never comes when the instance stops at the return.
    const lines = await linesOf({ SHUTTER_TEST_ASYNC_LOGGER: '1' });
    expect(lines.filter((l) => l.msg === 'request')).toEqual([]);
  });
});
