/** Interns strings for packed cache rows: `id` gives a string's index in `strings` (-1 for undefined). */
export function stringTable(): { strings: string[]; id: (v: string | undefined) => number } {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const id = (v: string | undefined): number => {
    if (v === undefined) {
      return -1;
    }
    let i = index.get(v);
    if (i === undefined) {
      i = strings.push(v) - 1;
      index.set(v, i);
    }
    return i;
  };
  return { strings, id };
}
