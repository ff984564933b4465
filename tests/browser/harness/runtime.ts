// Wires the REAL @grafana/runtime to the harness server, the way Grafana wires it to its own backend:
// resource calls go over HTTP to /api/datasources/uid/<uid>/resources/*, answered from what the real
// plugin answered when tests/browser/capture ran.
import { from, type Observable } from 'rxjs';
import type { DataSourceInstanceSettings } from '@grafana/data';
import {
  setBackendSrv,
  setDataSourceSrv,
  setTemplateSrv,
  type BackendSrv,
  type BackendSrvRequest,
  type DataSourceSrv,
  type FetchResponse,
  type TemplateSrv,
} from '@grafana/runtime';
import datasourcePluginJson from '../../../src/datasource/plugin.json';

export const HARNESS_UID = 'harness';

export const instanceSettings = {
  id: 1,
  uid: HARNESS_UID,
  name: 'Seatmeter (test bed)',
  type: datasourcePluginJson.id,
  access: 'proxy',
  readOnly: false,
  jsonData: {},
  meta: {
    id: datasourcePluginJson.id,
    name: datasourcePluginJson.name,
    type: 'datasource',
    info: {},
    module: '',
    baseUrl: '',
  },
} as unknown as DataSourceInstanceSettings;

async function call<T>(req: BackendSrvRequest): Promise<FetchResponse<T>> {
  const qs = req.params ? '?' + new URLSearchParams(req.params as Record<string, string>).toString() : '';
  const res = await fetch(req.url + qs, {
    method: req.method ?? 'GET',
    headers: { 'Content-Type': 'application/json' },
    body: req.data === undefined ? undefined : JSON.stringify(req.data),
  });
  const data = (await res.json()) as T;
  const out = {
    data,
    status: res.status,
    ok: res.ok,
    statusText: res.statusText,
    headers: res.headers,
    url: req.url,
    config: req,
    redirected: false,
    type: res.type,
  } as FetchResponse<T>;
  if (!res.ok) {
    throw out;
  }
  return out;
}

export function installRuntime(variables: string[]) {
  const backend: Partial<BackendSrv> = {
    fetch: <T>(req: BackendSrvRequest): Observable<FetchResponse<T>> => from(call<T>(req)),
    get: async <T>(url: string, params?: Record<string, unknown>) =>
      (await call<T>({ url, params, method: 'GET' })).data,
    post: async <T>(url: string, data?: unknown) => (await call<T>({ url, data, method: 'POST' })).data,
  };
  setBackendSrv(backend as BackendSrv);
  const dsSrv: Partial<DataSourceSrv> = {
    getList: () => [instanceSettings],
    getInstanceSettings: () => instanceSettings,
  };
  setDataSourceSrv(dsSrv as DataSourceSrv);
  const tpl: Partial<TemplateSrv> = {
    getVariables: () =>
      variables.map((name) => ({ name, type: 'query' })) as unknown as ReturnType<TemplateSrv['getVariables']>,
    replace: (s?: string) => s ?? '',
    containsTemplate: () => false,
    updateTimeRange: () => undefined,
  };
  setTemplateSrv(tpl as TemplateSrv);
}
