import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import type { DataSourceSettings } from '@grafana/data';
import { ConfigEditor } from './ConfigEditor';
import type { SeatmeterOptions, SeatmeterSecureOptions } from './types';

function settings(jsonData: SeatmeterOptions): DataSourceSettings<SeatmeterOptions, SeatmeterSecureOptions> {
  return { url: '', jsonData, secureJsonFields: {}, secureJsonData: {} } as unknown as DataSourceSettings<
    SeatmeterOptions,
    SeatmeterSecureOptions
  >;
}

test('the tenant header value goes to secureJsonData, its name to jsonData', () => {
  const onChange = jest.fn();
  render(<ConfigEditor options={settings({})} onOptionsChange={onChange} />);
  fireEvent.change(screen.getByLabelText(/Tenant header/), { target: { value: 'team-a' } });
  const next = onChange.mock.calls[0][0];
  expect(next.jsonData.httpHeaderName1).toBe('X-Scope-OrgID');
  expect(next.secureJsonData.httpHeaderValue1).toBe('team-a');
  expect(JSON.stringify(next.jsonData)).not.toContain('team-a');
});

test('basic auth shows a user field and keeps the password secret', () => {
  const onChange = jest.fn();
  render(<ConfigEditor options={settings({ authType: 'basic' })} onOptionsChange={onChange} />);
  expect(screen.getByText('User')).toBeInTheDocument();
  expect(screen.getByText('Password')).toBeInTheDocument();
});
