import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

const madeDirs: string[] = [];

/**
 * A new temporary directory. Under vitest it lives in the run's folder, removed when the run ends
 * (temp-root.ts); elsewhere (the bench) it is removed when this process exits. A run of the suite
 * used to leave hundreds in the system's temp folder.
 */
export function tempDataDir(prefix = 'shutter-test-'): string {
  const dir = mkdtempSync(join(process.env.SHUTTER_TEST_TMP ?? tmpdir(), prefix));
  if (madeDirs.push(dir) === 1) {
    process.once('exit', () => {
      for (const made of madeDirs) rmSync(made, { recursive: true, force: true });
    });
  }
  return dir;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process printed on stdout so far. */
  stdout(): string;
  stderr(): string;
  /**
   * Stops keeping what the process prints (it is still read, so its pipe never fills): for a
   * load run, whose access log would otherwise pile up in this process.
   */
  stopRecording(): void;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/** Runs `npm start`'s entry point as a real process and waits until it says where it listens. */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/local/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const recordOut = (chunk: Buffer) => (out += chunk.toString());
  const recordErr = (chunk: Buffer) => (err += chunk.toString());
  child.stdout!.on('data', recordOut);
  child.stderr!.on('data', recordErr);
  const exited = new Promise<number | string>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal ?? -1)),
  );
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      // Nobody holds a handle to a server that never said where it listens: stop it here.
      child.kill('SIGKILL');
      fail(new Error(`server did not start in ${timeoutMs} ms\n${out}\n${err}`));
    }, timeoutMs);
    const check = () => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (match) {
        clearTimeout(timer);
        // Searched once found, the whole growing log would be scanned again on every chunk.
        child.stdout!.off('data', check);
        done(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`server exited (${code}) before listening\n${out}\n${err}`));
    });
  });
  return {
    child,
    url,
    stdout: () => out,
    stderr: () => err,
    exited,
    stopRecording: () => {
      child.stdout!.off('data', recordOut).resume();
      child.stderr!.off('data', recordErr).resume();
    },
  };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command-line entry (e.g. `api/src/local/keys-cli.ts`) as `npm run --silent` would. */
export function runCli(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 30_000,
): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
