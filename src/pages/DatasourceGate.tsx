import React, { useId, useState } from 'react';
import { Alert, Combobox, Field } from '@grafana/ui';
import { seatmeterInstances, type SeatmeterInstance } from './seatmeterDatasource';

/** Renders `children` for one Seatmeter data source (a picker when there are several). */
export function DatasourceGate({ children }: { children: (ds: SeatmeterInstance) => React.ReactNode }) {
  const [instances] = useState(seatmeterInstances);
  const [uid, setUid] = useState<string | undefined>(instances[0]?.uid);
  const id = useId();
  if (instances.length === 0) {
    return (
      <Alert severity="info" title="No Seatmeter data source yet">
        Add one under Connections → Data sources → Seatmeter, pointing at your Mimir or Prometheus.
      </Alert>
    );
  }
  const current = instances.find((i) => i.uid === uid) ?? instances[0];
  return (
    <>
      {instances.length > 1 && (
        <Field label="Data source">
          <Combobox
            id={id}
            width={40}
            options={instances.map((i) => ({ label: i.name, value: i.uid }))}
            value={current.uid}
            onChange={(v) => setUid(v.value)}
          />
        </Field>
      )}
      {children(current)}
    </>
  );
}
