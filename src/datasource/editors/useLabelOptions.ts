import { useEffect, useState } from 'react';
import type { SelectableValue } from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import { catalog } from '../../catalog';
import { labelValues, type ResourceCaller } from '../resources';
import type { CanonicalLabel } from '../types';

/** Picker options for one canonical label: dashboard variables first, then catalog or store values. */
export function useLabelOptions(ds: ResourceCaller, label: CanonicalLabel): Array<SelectableValue<string>> {
  const [values, setValues] = useState<string[]>(() => staticValues(label) ?? []);
  useEffect(() => {
    if (staticValues(label)) {
      return;
    }
    let live = true;
    labelValues(ds, label).then(
      (v) => live && setValues(v),
      () => live && setValues([])
    );
    return () => {
      live = false;
    };
  }, [ds, label]);
  const variables = getTemplateSrv()
    .getVariables()
    .map((v) => ({ label: `$${v.name}`, value: `$${v.name}`, description: 'dashboard variable' }));
  return [...variables, ...values.map((v) => ({ label: v, value: v }))];
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
