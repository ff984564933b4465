import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import type { DataSourceSettings } from '@grafana/data';
import { ConfigEditor } from './ConfigEditor';
import type { SeatmeterOptions, SeatmeterSecureOptions } from './types';
import { installComboboxShims } from '../components/comboboxTestShims';

beforeAll(installComboboxShims);

type Settings = DataSourceSettings<SeatmeterOptions, SeatmeterSecureOptions>;

function settings(jsonData: SeatmeterOptions, secureJsonFields: Record<string, boolean> = {}): Settings {
  return { url: '', jsonData, secureJsonFields, secureJsonData: {} } as unknown as Settings;
}

test('the tenant header value goes to secureJsonData, its name to jsonData', () => {
  const onChange = jest.fn();
  const { rerender } = render(<ConfigEditor options={settings({})} onOptionsChange={onChange} />);
  fireEvent.click(screen.getByRole('button', { name: /Mimir tenant/ }));
  const added: Settings = onChange.mock.calls[0][0];
  expect(added.jsonData.httpHeaderName1).toBe('X-Scope-OrgID');
  rerender(<ConfigEditor options={added} onOptionsChange={onChange} />);
  fireEvent.change(screen.getByLabelText('Header 1 value'), { target: { value: 'team-a' } });
  const next: Settings = onChange.mock.calls[1][0];
  expect(next.secureJsonData!.httpHeaderValue1).toBe('team-a');
  expect(JSON.stringify(next.jsonData)).not.toContain('team-a');
});

test('a configured header secret shows as configured and resets without revealing it', () => {
  const onChange = jest.fn();
  render(
    <ConfigEditor
      options={settings({ httpHeaderName1: 'X-Scope-OrgID' }, { httpHeaderValue1: true })}
      onOptionsChange={onChange}
    />
  );
  expect(screen.getByLabelText('Header 1 value')).toHaveValue('configured');
  fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
  const next: Settings = onChange.mock.calls[0][0];
  expect(next.secureJsonFields.httpHeaderValue1).toBe(false);
});

test('removing a header drops its name and its secret', () => {
  const onChange = jest.fn();
  render(
    <ConfigEditor options={settings({ httpHeaderName1: 'X-A', httpHeaderName2: 'X-B' })} onOptionsChange={onChange} />
  );
  fireEvent.click(screen.getByRole('button', { name: 'Remove header 1' }));
  const next: Settings = onChange.mock.calls[0][0];
  expect(next.jsonData.httpHeaderName1).toBeUndefined();
  expect(next.jsonData.httpHeaderName2).toBe('X-B');
});

test('basic auth shows a user field and keeps the password secret', () => {
  const onChange = jest.fn();
  render(<ConfigEditor options={settings({ authType: 'basic' })} onOptionsChange={onChange} />);
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 's3cret' } });
  const next: Settings = onChange.mock.calls[0][0];
  expect(next.secureJsonData!.basicAuthPassword).toBe('s3cret');
  expect(JSON.stringify(next.jsonData)).not.toContain('s3cret');
});

test('cache-write TTL assumption is a jsonData setting', () => {
  const onChange = jest.fn();
  render(<ConfigEditor options={settings({})} onOptionsChange={onChange} />);
  fireEvent.click(screen.getByLabelText('1 hour'));
  expect(onChange.mock.calls[0][0].jsonData.cacheWriteTTL).toBe('1h');
});

test('invalid price overrides are reported and not saved', () => {
  const onChange = jest.fn();
  render(<ConfigEditor options={settings({})} onOptionsChange={onChange} />);
  fireEvent.change(screen.getByLabelText('Price overrides'), { target: { value: '{"oops": ' } });
  expect(onChange).not.toHaveBeenCalled();
  expect(screen.getByRole('alert')).toHaveTextContent(/JSON/);
});

test('the naming dialect shows as its name and is picked by typing part of it', async () => {
  const onChange = jest.fn();
  render(<ConfigEditor options={settings({ dialect: 'suffixed' })} onOptionsChange={onChange} />);
  const input = screen.getByLabelText(/^Naming dialect/);
  expect(input).toHaveValue('Unit and _total suffixes');
  fireEvent.click(input);
  fireEvent.change(input, { target: { value: 'utf' } });
  expect(await screen.findAllByRole('option')).toHaveLength(1);
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  fireEvent.keyDown(input, { key: 'Enter' });
  expect(onChange.mock.lastCall[0].jsonData.dialect).toBe('utf8');
});
