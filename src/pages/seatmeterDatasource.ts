import { useEffect, useState } from 'react';
import { getBackendSrv, getDataSourceSrv } from '@grafana/runtime';
import type { ResourceCaller } from '../datasource/resources';
import datasourcePluginJson from '../datasource/plugin.json';

export interface SeatmeterInstance {
  uid: string;
  name: string;
  caller: ResourceCaller;
}

/** The Seatmeter data sources of this Grafana, default first; the app pages read the backend through them. */
export function seatmeterInstances(): SeatmeterInstance[] {
  return getDataSourceSrv()
    .getList({ pluginId: datasourcePluginJson.id })
    .sort((a, b) => Number(!!b.isDefault) - Number(!!a.isDefault))
    .map((s) => ({ uid: s.uid, name: s.name, caller: resourceCaller(s.uid) }));
}

export function resourceCaller(uid: string): ResourceCaller {
  const base = `/api/datasources/uid/${encodeURIComponent(uid)}/resources/`;
  return {
    getResource: <T>(path: string, params?: Record<string, unknown>) => getBackendSrv().get<T>(base + path, params),
    postResource: <T>(path: string, data?: unknown) => getBackendSrv().post<T>(base + path, data),
  };
}

export interface Loaded<T> {
  loading: boolean;
  value?: T;
  error?: string;
}

/** Runs `load` once per `key`; errors are kept as text for the page to show (which hop, what to fix). */
export function useLoad<T>(key: string | undefined, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ key?: string; value?: T; error?: string }>({});
  useEffect(() => {
    if (!key) {
      return;
    }
    let live = true;
    load().then(
      (value) => live && setState({ key, value }),
      (e: unknown) => live && setState({ key, error: errorText(e) })
    );
    return () => {
      live = false;
    };
    // `load` is keyed by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return {
    loading: !!key && state.key !== key,
    value: state.key === key ? state.value : undefined,
    error: state.key === key ? state.error : undefined,
  };
}

export function errorText(e: unknown): string {
  if (e && typeof e === 'object') {
    const x = e as { data?: { error?: string; message?: string }; message?: string; status?: number };
    const msg = x.data?.error ?? x.data?.message ?? x.message ?? JSON.stringify(e);
    return x.status ? `${msg} (HTTP ${x.status})` : msg;
  }
  return String(e);
}
