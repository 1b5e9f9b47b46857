import { judgeGrowth } from './growth.rule';

describe('judgeGrowth', () => {
  it('leaves the warm-up out: a climb during the first third is not growth', () => {
    expect(judgeGrowth([100, 180, 200, 201, 199, 202], { relative: 0.1 }).grew).toBe(false);
  });

  it('finds a steady climb after warm-up beyond the relative tolerance', () => {
    const verdict = judgeGrowth([100, 100, 100, 104, 112, 116], { relative: 0.1 });
    expect(verdict).toMatchObject({ warmUp: 2, middleMean: 102, lastMean: 114, grew: true });
  });

  it('allows the absolute tolerance for counts and no more', () => {
    expect(judgeGrowth([40, 40, 40, 40, 42, 42], { absolute: 2 }).grew).toBe(false);
    expect(judgeGrowth([40, 40, 40, 40, 43, 43], { absolute: 2 }).grew).toBe(true);
  });

  it('gives the remainder of the samples to the warm-up so the compared thirds have equal length', () => {
    const verdict = judgeGrowth([1, 1, 1, 1, 1, 1, 1, 1, 5, 5, 5, 5, 5, 5, 9, 9, 9, 9, 9, 9], { absolute: 2 });
    expect(verdict).toMatchObject({ samples: 20, warmUp: 8, middleMean: 5, lastMean: 9, grew: true });
  });

  it('does not judge with too few samples or missing values', () => {
    expect(judgeGrowth([1, 2], { absolute: 2 }).grew).toBeNull();
    expect(judgeGrowth([1, 1, null, null, 3, 3], { absolute: 2 }).grew).toBeNull();
  });
});
