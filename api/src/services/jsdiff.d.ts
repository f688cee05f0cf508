// The installed `diff` (jsdiff 5) ships no types and @types/diff is not a dependency: this declares
// the one function Shutter calls, as jsdiff documents it.
declare module 'diff' {
  /** One run of lines that was added, removed, or is common to both texts. */
  export interface Change {
    value: string;
    count?: number;
    added?: boolean;
    removed?: boolean;
  }
  /** Compares two texts line by line (each line keeps its `\n`). */
  export function diffLines(oldStr: string, newStr: string): Change[];
}
