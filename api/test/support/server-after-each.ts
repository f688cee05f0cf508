import { afterEach } from 'vitest';
import type { ServerProcess } from './server-process.js';

/**
 * After each test, kills (SIGKILL) the server process it left running and forgets it: `current`
 * reads the test file's variable, `forget` clears it.
 */
export function killServerAfterEach(
  current: () => ServerProcess | undefined,
  forget: () => void,
): void {
  afterEach(async () => {
    const running = current();
    if (running && running.child.exitCode === null && running.child.signalCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    forget();
  });
}
