import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';
import { merge } from 'webpack-merge';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config';

// The scaffold copies only the root plugin's logos; nested plugins (data source, panel) need theirs too.
const config = async (env: Env): Promise<Configuration> => {
  const base = await grafanaConfig(env);
  return merge(base, {
    plugins: [
      new CopyWebpackPlugin({
        patterns: [{ from: '**/img/*.svg', to: '.', noErrorOnMissing: true }],
      }),
    ],
  });
};

export default config;
