import { FieldType, toDataFrame } from '@grafana/data';
import { tokenTotals } from './tokenTotals';

test('sums the last value per label, biggest first', () => {
  const frame = (model: string, values: number[]) =>
    toDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: values.map((_, i) => i) },
        { name: 'Value', type: FieldType.number, values, labels: { model } },
      ],
    });
  const rows = tokenTotals([frame('opus', [1, 5]), frame('haiku', [10, 20]), frame('opus', [0, 7])], 'model');
  expect(rows).toEqual([
    { key: 'haiku', tokens: 20 },
    { key: 'opus', tokens: 12 },
  ]);
});
