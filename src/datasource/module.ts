import './setPublicPath';
import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor } from './ConfigEditor';
import { DataSource } from './datasource';
import { QueryEditor } from './QueryEditor';
import type { SeatmeterOptions, SeatmeterQuery } from './types';

export const plugin = new DataSourcePlugin<DataSource, SeatmeterQuery, SeatmeterOptions>(DataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
