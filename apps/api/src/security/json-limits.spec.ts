import { jsonProblem } from './json-limits';

describe('JSON limits before parsing', () => {
  it('accepts ordinary bodies, strings with brackets, colons and escaped pairs', () => {
    expect(jsonProblem('{"a":[1,{"b":"x:{[}]"}],"c":"\\ud83d\\ude00 \\" \\\\"}')).toBeNull();
    expect(jsonProblem('[' + '1,'.repeat(5000) + '1]')).toBeNull();
  });

  it('refuses depth over 32 and objects with more than 1,000 keys', () => {
    expect(jsonProblem('['.repeat(33) + ']'.repeat(33))).toMatch(/deeper than 32/);
    expect(jsonProblem('['.repeat(32) + ']'.repeat(32))).toBeNull();
    const keys = (n: number) => '{' + Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',') + '}';
    expect(jsonProblem(keys(1000))).toBeNull();
    expect(jsonProblem(keys(1001))).toMatch(/more than 1000 keys/);
  });

  it('refuses lone surrogates and NUL', () => {
    expect(jsonProblem('{"a":"\\ud800"}')).toMatch(/lone surrogate/);
    expect(jsonProblem('{"a":"\\udc00x"}')).toMatch(/lone surrogate/);
    expect(jsonProblem('{"a":"\\ud800\\u0041"}')).toMatch(/lone surrogate/);
    expect(jsonProblem('{"a":"\\u0000"}')).toMatch(/NUL/);
  });
});
