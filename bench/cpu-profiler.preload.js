'use strict';
/*
 * Loaded with `-r` into a process under study. The IPC message 'bench:profile' starts the V8 sampling
 * profiler; the next one stops it and writes BENCH_CPU_PROFILE_DIR/<pid>-<n>.cpuprofile. This profiles only
 * the seconds of one figure, which `--cpu-prof` (whole life, written at a clean exit only) cannot.
 * Not a signal: Nest's shutdown hooks take SIGUSR2 (and most others) as "stop".
 * Plain JavaScript: it runs before any TypeScript hook.
 */
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir && process.send) {
  const session = new inspector.Session();
  session.connect();
  let running = false;
  let count = 0;
  process.on('message', (message) => {
    if (message !== 'bench:profile') return;
    if (!running) {
      running = true;
      session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      const file = path.join(dir, `${process.pid}-${++count}.cpuprofile`);
      if (!error) fs.writeFileSync(file, JSON.stringify(result.profile));
      // The bench waits for this file: its appearance says the profile is complete.
      fs.writeFileSync(`${file}.done`, error ? String(error) : 'ok');
    });
  });
  // After the listener (which refs it): the channel must not keep alive a process that would otherwise exit.
  process.channel?.unref();
}
