// diff 7 ships no types; the one function the revision view uses.
declare module 'diff' {
  export interface Change {
    value: string;
    added?: boolean;
    removed?: boolean;
  }
  export function diffWords(oldText: string, newText: string): Change[];
}
