import type { QueryFilters } from './types';

/**
 * Expands dashboard variables inside filter values. `interpolate` is the template service with the
 * `json` format, so a multi-value `$user` becomes a JSON array; "All" without a custom all-value
 * expands to every value. An empty list means "no filter".
 */
export function expandFilters(filters: QueryFilters, interpolate: (v: string) => string): QueryFilters {
  const out: Record<string, string[]> = {};
  for (const [label, values] of Object.entries(filters)) {
    if (!Array.isArray(values)) {
      continue;
    }
    const expanded = new Set<string>();
    for (const v of values as string[]) {
      if (!v.includes('$')) {
        expanded.add(v);
        continue;
      }
      const replaced = interpolate(v);
      let parsed: unknown = replaced;
      try {
        parsed = JSON.parse(replaced);
      } catch {
        // a plain string (the variable was not a multi-value one)
      }
      (Array.isArray(parsed) ? parsed : [parsed]).forEach((x) => {
        if (typeof x === 'string' && x !== '' && x !== '*' && x !== '$__all') {
          expanded.add(x);
        }
      });
    }
    if (expanded.size > 0) {
      out[label] = Array.from(expanded);
    }
  }
  return out;
}
