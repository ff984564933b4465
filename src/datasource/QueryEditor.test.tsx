import React from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { EditorView } from '@codemirror/view';
import { diagnosticCount, forEachDiagnostic } from '@codemirror/lint';
import { QueryEditor } from './QueryEditor';
import type { DataSource } from './datasource';
import type { RewriteResult } from './resources';
import type { SeatmeterQuery } from './types';
import { catalog, evidenceMeasures, tokensMeasure } from '../catalog';
import { installLayoutShims } from '../test/jsdomLayout';
import { installComboboxShims } from '../components/comboboxTestShims';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getTemplateSrv: () => ({ getVariables: () => [{ name: 'user' }], replace: (s: string) => s }),
}));

beforeAll(() => {
  installLayoutShims();
  installComboboxShims();
});

/** A data source whose HTTP resources answer like the backend's contract: records every call. */
function backend(rewriteAnswer: (expr: string) => RewriteResult) {
  const calls: Array<{ path: string; body?: unknown }> = [];
  const ds = {
    getResource: jest.fn(async (path: string) => {
      calls.push({ path });
      return { values: ['ada@example.com', 'bob@example.com'] };
    }),
    postResource: jest.fn(async (path: string, body: { expr: string }) => {
      calls.push({ path, body });
      return rewriteAnswer(body.expr);
    }),
  };
  return { ds: ds as unknown as DataSource, calls };
}

function setup(
  query: SeatmeterQuery,
  answer: (expr: string) => RewriteResult = (e) => ({ rewritten: e, dialect: 'nosuffix' })
) {
  const { ds, calls } = backend(answer);
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const utils = render(<QueryEditor datasource={ds} query={query} onChange={onChange} onRunQuery={onRunQuery} />);
  return { ...utils, ds, calls, onChange, onRunQuery };
}

/** The PromQL editor arrives in its own chunk; tests wait for it like a user would. */
const editorLoaded = () => screen.findByTestId('promql-editor');

function typeInto(text: string) {
  const view = EditorView.findFromDOM(screen.getByTestId('promql-editor').querySelector('.cm-editor') as HTMLElement)!;
  act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }));
}

test('typing PromQL sends it to the backend once typing pauses and shows the rewritten query', async () => {
  const { calls, onChange, rerender, ds, onRunQuery } = setup({ refId: 'A', queryType: 'promql', expr: '' }, (e) => ({
    rewritten: e.replace('x_total', 'x'),
    dialect: 'nosuffix',
  }));
  await editorLoaded();
  jest.useFakeTimers();
  typeInto('sum(x_total)');
  expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'promql', expr: 'sum(x_total)' });
  rerender(
    <QueryEditor datasource={ds} query={onChange.mock.lastCall[0]} onChange={onChange} onRunQuery={onRunQuery} />
  );
  expect(calls.filter((c) => c.path === 'rewrite')).toHaveLength(0);
  await act(async () => {
    jest.advanceTimersByTime(450);
  });
  jest.useRealTimers();
  await waitFor(() => expect(screen.getByTestId('rewrite-text')).toHaveTextContent('sum(x)'));
  expect(screen.getByTestId('rewrite-dialect')).toHaveTextContent('nosuffix');
  expect(calls.filter((c) => c.path === 'rewrite')).toEqual([{ path: 'rewrite', body: { expr: 'sum(x_total)' } }]);
});

test('a parse error shows line and column and marks the text', async () => {
  setup({ refId: 'A', queryType: 'promql', expr: 'sum(\n  rate(x[5m]' }, () => ({
    rewritten: '',
    dialect: 'suffixed',
    error: { message: 'unclosed left parenthesis', line: 2, column: 13, offset: 17 },
  }));
  expect(await screen.findByTestId('rewrite-error', {}, { timeout: 2000 })).toHaveTextContent(
    'Parse error at line 2, column 13: unclosed left parenthesis'
  );
  const view = EditorView.findFromDOM(document.querySelector('.cm-editor') as HTMLElement)!;
  await waitFor(() => expect(diagnosticCount(view.state)).toBe(1));
  forEachDiagnostic(
    view.state,
    (d, from) => expect([d.severity, from, d.message]).toEqual(['error', 16, 'unclosed left parenthesis']) // at the end: the last character is marked
  );
});

test('an unreachable backend is said to be that, not a PromQL error', async () => {
  const { ds } = backend(() => ({ rewritten: '', dialect: '' }));
  (ds.postResource as jest.Mock).mockRejectedValue({ status: 502, data: { error: 'store: connection refused' } });
  render(
    <QueryEditor datasource={ds} query={{ refId: 'A', expr: 'up' }} onChange={jest.fn()} onRunQuery={jest.fn()} />
  );
  expect(await screen.findByTestId('rewrite-failure', {}, { timeout: 2000 })).toHaveTextContent(
    'store: connection refused (HTTP 502)'
  );
});

/** The Combobox input labelled `name`, opened the way a user opens it: a click, then its listbox. */
async function open(name: string) {
  const input = screen.getByLabelText(name);
  fireEvent.click(input);
  await screen.findByRole('listbox');
  return input;
}

const optionTexts = async () => (await screen.findAllByRole('option')).map((o) => o.textContent);

test('the usage editor shows the measure by its catalog name and picks another with the keyboard', async () => {
  const { onChange } = setup({ refId: 'A', queryType: 'usage', measure: evidenceMeasures[0].id });
  expect(screen.getByLabelText('Measure')).toHaveValue(evidenceMeasures[0].name);
  const input = await open('Measure');
  const texts = await optionTexts();
  evidenceMeasures.forEach((m) => expect(texts.some((t) => t?.startsWith(m.name))).toBe(true));
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  fireEvent.keyDown(input, { key: 'Enter' });
  expect(onChange.mock.lastCall[0].measure).toBe(evidenceMeasures[1].id);
});

test('token types come from the catalog without asking the store', async () => {
  const { calls } = setup({ refId: 'A', queryType: 'usage', measure: tokensMeasure.id });
  await open('type');
  await waitFor(async () => expect((await optionTexts()).slice(1)).toEqual(catalog.tokenTypes));
  expect(calls.some((c) => c.path === 'label-values')).toBe(false);
});

test('user filter options load from the backend when the picker opens, dashboard variables first', async () => {
  const { calls, onChange } = setup({ refId: 'A', queryType: 'usage', measure: tokensMeasure.id });
  expect(calls.some((c) => c.path === 'label-values')).toBe(false);
  const input = await open('user');
  await waitFor(async () =>
    expect(await optionTexts()).toEqual(['$userdashboard variable', 'ada@example.com', 'bob@example.com'])
  );
  expect(calls.filter((c) => c.path === 'label-values')).toHaveLength(1);
  fireEvent.change(input, { target: { value: 'bo' } });
  // what was typed comes first as a custom value, then the matching store values
  await waitFor(async () => expect(await optionTexts()).toEqual(['boUse custom value', 'bob@example.com']));
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  fireEvent.keyDown(input, { key: 'Enter' });
  expect(onChange.mock.lastCall[0].filters).toEqual({ user: ['bob@example.com'] });
  expect(calls.filter((c) => c.path === 'label-values')).toHaveLength(1);
});

test('a dashboard variable is picked like any value and kept as written', async () => {
  const { onChange } = setup({ refId: 'A', queryType: 'usage', measure: tokensMeasure.id });
  await open('user');
  fireEvent.click(await screen.findByRole('option', { name: /\$user/ }));
  expect(onChange.mock.lastCall[0].filters).toEqual({ user: ['$user'] });
});

test('a value the store has not reported yet can be typed in', async () => {
  const { onChange } = setup({
    refId: 'A',
    queryType: 'usage',
    measure: tokensMeasure.id,
    filters: { user: ['$user'] },
  });
  const input = await open('user');
  fireEvent.change(input, { target: { value: 'new@example.com' } });
  await screen.findByRole('option', { name: /new@example.com/ });
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  fireEvent.keyDown(input, { key: 'Enter' });
  expect(onChange.mock.lastCall[0].filters).toEqual({ user: ['$user', 'new@example.com'] });
});

test('when the store cannot list users the picker says so and still offers the variables', async () => {
  const { ds } = backend((e) => ({ rewritten: e, dialect: 'nosuffix' }));
  (ds.getResource as jest.Mock).mockRejectedValue({ status: 502, data: { error: 'store down' } });
  render(
    <QueryEditor
      datasource={ds}
      query={{ refId: 'A', queryType: 'usage' }}
      onChange={jest.fn()}
      onRunQuery={jest.fn()}
    />
  );
  await open('user');
  await waitFor(async () =>
    expect(await optionTexts()).toEqual(['$userdashboard variable', 'Could not load user values from the store'])
  );
});

test('group by takes several canonical labels', async () => {
  const { onChange, rerender, ds, onRunQuery } = setup({ refId: 'A', queryType: 'usage', measure: tokensMeasure.id });
  await open('Group by');
  fireEvent.click(screen.getByRole('option', { name: 'user' }));
  expect(onChange.mock.lastCall[0].groupBy).toEqual(['user']);
  rerender(
    <QueryEditor datasource={ds} query={onChange.mock.lastCall[0]} onChange={onChange} onRunQuery={onRunQuery} />
  );
  fireEvent.click(screen.getByRole('option', { name: 'model' }));
  expect(onChange.mock.lastCall[0].groupBy).toEqual(['user', 'model']);
});

test('switching to cost keeps the filters and asks for the cache-aware basis by default', () => {
  const { onChange } = setup({ refId: 'A', queryType: 'usage', filters: { user: ['$user'] } });
  fireEvent.click(screen.getByLabelText('Cost'));
  expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'cost', filters: { user: ['$user'] } });
});

test('choosing a cost basis names it by the catalog measure', () => {
  const { onChange } = setup({ refId: 'A', queryType: 'cost' });
  const ceiling = catalog.measures.find((m) => m.id === 'cost_ceiling')!;
  fireEvent.click(screen.getByLabelText(ceiling.name));
  expect(onChange.mock.lastCall[0].basis).toBe('list-ceiling');
});

test('switching to usage names the token measure the picker shows', () => {
  const { onChange } = setup({ refId: 'A', queryType: 'promql', expr: '' });
  fireEvent.click(screen.getByLabelText('Usage'));
  expect(onChange.mock.lastCall[0]).toMatchObject({ queryType: 'usage', measure: tokensMeasure.id });
});
