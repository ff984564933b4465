// Runs the BUILT data source (webpack's AMD dist/datasource/module.js) the way Grafana loads a plugin: a
// script whose define() receives Grafana's shared modules and `module`, whose uri is the URL the file was
// loaded from (create-plugin derives webpack's public path from it, so chunks load relative to it).
import React, { useEffect, useState } from 'react';
import * as emotionCss from '@emotion/css';
import * as grafanaData from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUi from '@grafana/ui';
import type { DataQuery, DataSourceApi, DataSourcePlugin, QueryEditorProps } from '@grafana/data';
import { instanceSettings } from './runtime';

const shared: Record<string, unknown> = {
  react: React,
  '@emotion/css': emotionCss,
  '@grafana/data': grafanaData,
  '@grafana/runtime': grafanaRuntime,
  '@grafana/ui': grafanaUi,
};

type AnyPlugin = DataSourcePlugin<DataSourceApi>;
type AMDDefine = (deps: string[], factory: (...deps: unknown[]) => { plugin: AnyPlugin }) => void;

function loadAmd(url: string): Promise<{ plugin: AnyPlugin }> {
  const uri = new URL(url, location.href).href;
  return new Promise((resolve, reject) => {
    const define: AMDDefine = (deps, factory) => {
      const missing = deps.filter((d) => d !== 'module' && !(d in shared));
      if (missing.length > 0) {
        return reject(new Error(`the host does not share ${missing.join(', ')}`));
      }
      resolve(factory(...deps.map((d) => (d === 'module' ? { uri } : shared[d]))));
    };
    Object.assign(window, { define });
    const script = document.createElement('script');
    script.src = uri;
    script.onerror = () => reject(new Error(`could not load ${uri}`));
    document.head.appendChild(script);
  });
}

export function BuiltQueryEditor({ moduleUrl, queryType }: { moduleUrl: string; queryType: string }) {
  const [loaded, setLoaded] = useState<AnyPlugin | string>();
  useEffect(() => {
    loadAmd(moduleUrl).then(
      (m) => setLoaded(m.plugin),
      (e: Error) => setLoaded(e.message)
    );
  }, [moduleUrl]);
  if (loaded === undefined || typeof loaded === 'string') {
    return <p data-testid="plugin-load">{loaded ?? 'loading'}</p>;
  }
  return <Editor plugin={loaded} queryType={queryType} />;
}

function Editor({ plugin, queryType }: { plugin: AnyPlugin; queryType: string }) {
  const [ds] = useState(() => new plugin.DataSourceClass(instanceSettings as never));
  const [query, setQuery] = useState<DataQuery>({ refId: 'A', queryType, expr: '' } as DataQuery);
  const QueryEditor = plugin.components.QueryEditor as React.ComponentType<QueryEditorProps<DataSourceApi>>;
  return <QueryEditor datasource={ds} query={query} onChange={setQuery} onRunQuery={() => undefined} />;
}
