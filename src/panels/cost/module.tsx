import { PanelPlugin } from '@grafana/data';
import { CostPanel } from './CostPanel';
import type { CostPanelOptions } from './types';

export const plugin = new PanelPlugin<CostPanelOptions>(CostPanel).setPanelOptions((builder) =>
  builder.addRadio({
    path: 'groupBy',
    name: 'Group by',
    defaultValue: 'model',
    settings: {
      options: [
        { value: 'model', label: 'Model' },
        { value: 'user', label: 'Developer' },
      ],
    },
  })
);
