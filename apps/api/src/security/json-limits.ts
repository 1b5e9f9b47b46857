/** JSON is refused before parsing when it is deeper than this or has an object with more keys (the contract's limits). */
export const JSON_MAX_DEPTH = 32;
export const JSON_MAX_KEYS = 1000;

const hex = (text: string, at: number): number => (/^[0-9a-fA-F]{4}$/.test(text.slice(at, at + 4)) ? parseInt(text.slice(at, at + 4), 16) : -1);

/**
 * One linear pass over the text, before any parsing work: nesting depth, keys per object (a `:` outside a
 * string is a key of the innermost object) and lone UTF-16 surrogates written as `\u` escapes (Postgres and
 * the JSON readers downstream refuse them). Answers why the text is refused, or null.
 */
export function jsonProblem(text: string, maxDepth = JSON_MAX_DEPTH, maxKeys = JSON_MAX_KEYS): string | null {
  const keys: number[] = []; // per open container: keys so far, -1 for an array
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x22) inString = false;
      else if (c === 0x5c) {
        if (text.charCodeAt(i + 1) === 0x75) {
          const code = hex(text, i + 2);
          if (code >= 0xd800 && code <= 0xdbff) {
            const low = text.charCodeAt(i + 6) === 0x5c && text.charCodeAt(i + 7) === 0x75 ? hex(text, i + 8) : -1;
            if (low < 0xdc00 || low > 0xdfff) return 'the JSON body holds a lone surrogate (an invalid \\u escape)';
            i += 11;
          } else if (code >= 0xdc00 && code <= 0xdfff) {
            return 'the JSON body holds a lone surrogate (an invalid \\u escape)';
          } else if (code === 0) {
            return 'the JSON body holds a NUL character';
          } else i += 5;
        } else i++;
      }
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      keys.push(c === 0x7b ? 0 : -1);
      if (keys.length > maxDepth) return `the JSON body is nested deeper than ${maxDepth} levels`;
    } else if (c === 0x7d || c === 0x5d) keys.pop();
    else if (c === 0x3a) {
      const top = keys.length - 1;
      if (top >= 0 && keys[top] >= 0 && ++keys[top] > maxKeys) return `an object of the JSON body has more than ${maxKeys} keys`;
    }
  }
  return null;
}
