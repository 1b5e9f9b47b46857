import type { DiffSegment } from '@forum/contracts';

export type { DiffSegment };

/** beyond this many cells the middle is shown as replaced wholesale rather than computed */
const MAX_CELLS = 4_000_000;

const tokens = (text: string): string[] => text.match(/\s+|[^\s]+/g) ?? [];

function push(out: DiffSegment[], type: DiffSegment['type'], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.type === type) last.text += text;
  else out.push({ type, text });
}

/**
 * A word-level diff (whitespace kept as its own tokens, so the texts can be rebuilt exactly):
 * the longest common subsequence of tokens, after trimming the common head and tail.
 */
export function wordDiff(before: string, after: string): DiffSegment[] {
  const a = tokens(before);
  const b = tokens(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out: DiffSegment[] = [];
  push(out, 'equal', a.slice(0, head).join(''));
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  if (x.length * y.length > MAX_CELLS) {
    push(out, 'removed', x.join(''));
    push(out, 'added', y.join(''));
  } else {
    // lengths[i][j] = LCS of x[i..] and y[j..], stored row by row in one array
    const width = y.length + 1;
    const lengths = new Uint32Array((x.length + 1) * width);
    for (let i = x.length - 1; i >= 0; i--) {
      for (let j = y.length - 1; j >= 0; j--) {
        lengths[i * width + j] = x[i] === y[j] ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      if (x[i] === y[j]) {
        push(out, 'equal', x[i]);
        i++;
        j++;
      } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
        push(out, 'removed', x[i++]);
      } else {
        push(out, 'added', y[j++]);
      }
    }
    while (i < x.length) push(out, 'removed', x[i++]);
    while (j < y.length) push(out, 'added', y[j++]);
  }
  push(out, 'equal', a.slice(a.length - tail).join(''));
  return out;
}
