import React from 'react';
import { render, screen } from '@testing-library/react';
import catalog from '../../data/catalog.json';
import { Home } from './Home';

jest.mock('@grafana/runtime', () => ({
  PluginPage: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

test('lists every agent of the catalog', () => {
  render(<Home />);
  const items = screen.getByTestId('agents').querySelectorAll('li');
  expect(Array.from(items).map((li) => li.textContent)).toEqual(catalog.agents.map((a) => a.name));
});
