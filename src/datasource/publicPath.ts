import appPluginJson from '../plugin.json';
import datasourcePluginJson from './plugin.json';

/**
 * Where this app's build output (dist/) is served, given the folder Grafana loaded datasource/module.js from.
 * create-plugin sets each entry's public path to that folder, but webpack writes the chunks that module loads
 * on demand (the PromQL editor) at the top of dist/, not beside it (grafana/plugin-tools#2172). Grafana serves
 * a nested plugin's folder either under the app (…/<app id>/datasource/) or under its own id
 * (…/<data source id>/); both are mapped back to the app's folder. Anything else is left as it is.
 */
export function appPublicPath(
  here: string,
  ids = { app: appPluginJson.id, datasource: datasourcePluginJson.id },
  folder = 'datasource'
): string {
  const underApp = `/${ids.app}/${folder}/`;
  if (here.endsWith(underApp)) {
    return here.slice(0, here.length - folder.length - 1);
  }
  const ownId = `/${ids.datasource}/`;
  if (here.endsWith(ownId)) {
    return `${here.slice(0, here.length - ownId.length)}/${ids.app}/`;
  }
  return here;
}
