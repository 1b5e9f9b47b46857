/**
 * Whether a series sampled under a steady load grew. The first third is warm-up (JIT, pools filling, caches
 * warming, the allocator settling) and is left out; the mean of the last third is compared with the mean of
 * the second third. Means rather than single samples, so one sample taken during a collection or a burst
 * cannot decide; thirds rather than a regression, so a step at warm-up's end is not mistaken for a slope.
 */
export interface Tolerance {
  /** growth allowed as a share of the second third's mean (memory: the collector's and allocator's breathing) */
  relative?: number;
  /** growth allowed in units (counts: a connection or descriptor opened for a burst and not yet idled out) */
  absolute?: number;
}

export interface GrowthVerdict {
  samples: number;
  warmUp: number;
  middleMean: number | null;
  lastMean: number | null;
  /** the highest last-third mean that is not growth */
  limit: number | null;
  /** null when there are too few samples to judge */
  grew: boolean | null;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

export function judgeGrowth(series: (number | null | undefined)[], { relative = 0, absolute = 0 }: Tolerance): GrowthVerdict {
  const third = Math.floor(series.length / 3);
  // The remainder goes to the warm-up: the thirds compared are always of equal length.
  const warmUp = series.length - 2 * third;
  const known = (values: (number | null | undefined)[]) => values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const middle = known(series.slice(warmUp, warmUp + third));
  const last = known(series.slice(warmUp + third));
  const middleMean = third ? mean(middle) : null;
  const lastMean = third ? mean(last) : null;
  if (middleMean === null || lastMean === null) return { samples: series.length, warmUp, middleMean: null, lastMean: null, limit: null, grew: null };
  const limit = middleMean * (1 + relative) + absolute;
  return { samples: series.length, warmUp, middleMean: round1(middleMean), lastMean: round1(lastMean), limit: round1(limit), grew: lastMean > limit };
}
