/**
 * Every timeout of the suite derives from one setting: FORUM_TEST_TIMEOUT_SCALE (default 1; 2 or 3 on a
 * machine that is busy or slow). Tests wait for conditions, never for durations; these only bound the wait.
 */
export const TIMEOUT_SCALE = Math.max(1, Number(process.env.FORUM_TEST_TIMEOUT_SCALE) || 1);

/** A bound of `ms` on an idle 2-core machine, scaled by FORUM_TEST_TIMEOUT_SCALE. */
export const scaled = (ms: number): number => Math.round(ms * TIMEOUT_SCALE);

/** Polls `check` until it returns a truthy value, or fails after `ms` (scaled) saying what was awaited. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  ms = 30_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + scaled(ms);
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
