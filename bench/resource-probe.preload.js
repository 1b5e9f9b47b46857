'use strict';
/*
 * Loaded with `-r` (and --expose-gc) into a process under soak. The IPC message 'bench:resources' is answered
 * with what only the process itself knows: its live heap after a full collection (heapUsed alone swings with
 * the collector's timing, so it cannot show a slow leak) and its active libuv resources by kind (sockets,
 * timers, file requests: the "open handles" a leak leaves behind).
 * Plain JavaScript: it runs before any TypeScript hook.
 */
if (process.send) {
  process.on('message', (message) => {
    if (message !== 'bench:resources') return;
    if (typeof global.gc === 'function') global.gc();
    const memory = process.memoryUsage();
    const resources = {};
    for (const kind of process.getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1;
    process.send({ kind: 'bench:resources', heapUsed: memory.heapUsed, external: memory.external, arrayBuffers: memory.arrayBuffers, resources });
  });
  // After the listener (which refs it): the channel must not keep alive a process that would otherwise exit.
  process.channel?.unref();
}
