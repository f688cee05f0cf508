// Preloaded by `BENCH_PROFILE=DIR npm run bench` (NODE_OPTIONS=--import, where node refuses
// --cpu-prof): profiles the whole server process with V8's sampling profiler and writes
// DIR/shutter-<pid>.cpuprofile when it exits. Read it with `tsx api/bench/profile-top.ts FILE`.
import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  // A sample every 200 µs (`node --cpu-prof` takes one every 1,000).
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // Same-thread inspector sessions answer synchronously, so this runs to the end in 'exit'.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `shutter-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
