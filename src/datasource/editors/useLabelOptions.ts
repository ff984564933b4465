import { useMemo } from 'react';
import type { ComboboxOption } from '@grafana/ui';
import { getTemplateSrv } from '@grafana/runtime';
import { catalog } from '../../catalog';
import { labelValues, type ResourceCaller } from '../resources';
import type { CanonicalLabel } from '../types';

export type LoadOptions = (input: string) => Promise<Array<ComboboxOption<string>>>;

/**
 * Async options for one canonical label's picker: dashboard variables first, then catalog or store values,
 * narrowed to what the user typed. The store is asked once, when the picker first opens (again after a failure).
 */
export function useLabelOptions(ds: ResourceCaller, label: CanonicalLabel): LoadOptions {
  return useMemo(() => {
    let known: Promise<string[]> | undefined;
    const values = () => {
      const fixed = staticValues(label);
      if (fixed) {
        return Promise.resolve(fixed);
      }
      known ??= labelValues(ds, label).catch((e: unknown) => {
        known = undefined;
        throw e;
      });
      return known;
    };
    return async (input: string) => {
      const variables: Array<ComboboxOption<string>> = getTemplateSrv()
        .getVariables()
        .map((v) => ({ label: `$${v.name}`, value: `$${v.name}`, description: 'dashboard variable' }));
      let stored: Array<ComboboxOption<string>>;
      try {
        stored = (await values()).map((v) => ({ label: v, value: v }));
      } catch {
        stored = [{ label: `Could not load ${label} values from the store`, value: '', infoOption: true }];
      }
      const needle = input.trim().toLowerCase();
      return [...variables, ...stored].filter(
        (o) => o.infoOption || (o.label ?? o.value).toLowerCase().includes(needle)
      );
    };
  }, [ds, label]);
}

/** Agents and token types are known from the catalog; users and models only the store knows. */
function staticValues(label: CanonicalLabel): string[] | undefined {
  if (label === 'agent') {
    return catalog.agents.map((a) => a.id);
  }
  if (label === 'type') {
    return catalog.tokenTypes;
  }
  return undefined;
}
