import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { DatasourceGate } from './DatasourceGate';
import { installComboboxShims } from '../components/comboboxTestShims';

const list = jest.fn();
jest.mock('@grafana/runtime', () => ({
  getBackendSrv: () => ({ get: jest.fn(), post: jest.fn() }),
  getDataSourceSrv: () => ({ getList: list }),
}));

beforeAll(installComboboxShims);

const gate = () => render(<DatasourceGate>{(ds) => <p data-testid="current">{ds.uid}</p>}</DatasourceGate>);

test('with one Seatmeter data source there is nothing to pick', () => {
  list.mockReturnValue([{ uid: 'only', name: 'Seatmeter' }]);
  gate();
  expect(screen.getByTestId('current')).toHaveTextContent('only');
  expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
});

test('with several, the default comes first and another is picked from the list', async () => {
  list.mockReturnValue([
    { uid: 'staging', name: 'Seatmeter staging' },
    { uid: 'prod', name: 'Seatmeter prod', isDefault: true },
  ]);
  gate();
  expect(screen.getByTestId('current')).toHaveTextContent('prod');
  const input = screen.getByLabelText('Data source');
  expect(input).toHaveValue('Seatmeter prod');
  fireEvent.click(input);
  fireEvent.click(await screen.findByRole('option', { name: 'Seatmeter staging' }));
  expect(screen.getByTestId('current')).toHaveTextContent('staging');
  expect(input).toHaveValue('Seatmeter staging');
});
