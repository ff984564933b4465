import { PanelPlugin } from '@grafana/data';
import { CostPanel } from './CostPanel';
import { DEFAULT_OPTIONS, type CostPanelOptions } from './types';

export const plugin = new PanelPlugin<CostPanelOptions>(CostPanel).setPanelOptions((builder) =>
  builder
    .addRadio({
      path: 'groupBy',
      name: 'Group by',
      defaultValue: DEFAULT_OPTIONS.groupBy,
      settings: {
        options: [
          { value: 'model', label: 'Model' },
          { value: 'user', label: 'Developer' },
          { value: 'model_user', label: 'Model and developer' },
        ],
      },
    })
    .addSelect({
      path: 'sort',
      name: 'Sort by',
      defaultValue: DEFAULT_OPTIONS.sort,
      settings: {
        options: [
          { value: 'cost', label: 'Cache-aware cost' },
          { value: 'tokens', label: 'Tokens' },
          { value: 'savings', label: 'Saved by caching' },
          { value: 'name', label: 'Name' },
        ],
      },
    })
    .addBooleanSwitch({ path: 'showTokenTypes', name: 'Tokens by type', defaultValue: DEFAULT_OPTIONS.showTokenTypes })
    .addRadio({
      path: 'priceAt',
      name: 'Prices',
      category: ['What-if'],
      defaultValue: DEFAULT_OPTIONS.priceAt,
      settings: {
        options: [
          { value: 'usage', label: 'In force at the time' },
          { value: 'now', label: 'Today\u2019s' },
        ],
      },
    })
    .addRadio({
      path: 'assumedCacheWriteTTL',
      name: 'Assumed cache-write TTL',
      description: 'OTel reports cache writes without their TTL',
      category: ['What-if'],
      defaultValue: DEFAULT_OPTIONS.assumedCacheWriteTTL,
      settings: {
        options: [
          { value: '5m', label: '5 minutes' },
          { value: '1h', label: '1 hour' },
        ],
      },
    })
    .addNumberInput({
      path: 'discountPercent',
      name: 'Discount %',
      description: 'A negotiated discount over list prices',
      category: ['What-if'],
      defaultValue: DEFAULT_OPTIONS.discountPercent,
      settings: { min: 0, max: 100 },
    })
    .addTextInput({
      path: 'overridesJson',
      name: 'Price overrides (JSON)',
      description:
        'Same format as the data source setting: discountPercent, models[{id, prices[{from, input, output, ...}]}]',
      category: ['What-if'],
      defaultValue: DEFAULT_OPTIONS.overridesJson,
      settings: { useTextarea: true, rows: 4 },
    })
    .addNumberInput({
      path: 'decimals',
      name: 'Currency decimals',
      category: ['Formatting'],
      defaultValue: DEFAULT_OPTIONS.decimals,
      settings: { min: 0, max: 6, integer: true },
    })
);
