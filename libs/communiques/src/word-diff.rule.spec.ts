import fc from 'fast-check';
import { wordDiff } from './word-diff.rule';

const rebuild = (segments: ReturnType<typeof wordDiff>, side: 'before' | 'after') =>
  segments
    .filter((s) => s.type === 'equal' || s.type === (side === 'before' ? 'removed' : 'added'))
    .map((s) => s.text)
    .join('');

describe('wordDiff', () => {
  it('marks the words that changed and keeps the rest equal', () => {
    expect(wordDiff('Ministers agreed to meet in June.', 'Ministers agreed to meet again in July.')).toEqual([
      { type: 'equal', text: 'Ministers agreed to meet ' },
      { type: 'added', text: 'again ' },
      { type: 'equal', text: 'in ' },
      { type: 'removed', text: 'June.' },
      { type: 'added', text: 'July.' },
    ]);
  });

  it('gives a single equal segment for identical texts', () => {
    expect(wordDiff('same text', 'same text')).toEqual([{ type: 'equal', text: 'same text' }]);
  });

  it('handles empty texts', () => {
    expect(wordDiff('', 'new words')).toEqual([{ type: 'added', text: 'new words' }]);
    expect(wordDiff('old words', '')).toEqual([{ type: 'removed', text: 'old words' }]);
    expect(wordDiff('', '')).toEqual([]);
  });

  it('always rebuilds both texts exactly', () => {
    const word = fc.constantFrom('le', 'la', 'Quebec', 'Ontario', 'asylum', 'asile', '$50M', 'accord.');
    const text = fc.array(fc.tuple(word, fc.constantFrom(' ', '\n', '  ')), { maxLength: 30 }).map((parts) => parts.flat().join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const segments = wordDiff(before, after);
        return rebuild(segments, 'before') === before && rebuild(segments, 'after') === after;
      }),
    );
  });
});
