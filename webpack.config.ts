/*
 * The build of @grafana/create-plugin (.config/webpack), extended the way its documentation asks
 * instead of edited: https://grafana.com/developers/plugin-tools/how-to-guides/extend-configurations
 */
import CopyWebpackPlugin from 'copy-webpack-plugin';
import TerserPlugin from 'terser-webpack-plugin';
import type { Configuration } from 'webpack';

import grafanaConfig, { type Env } from './.config/webpack/webpack.config.ts';

const config = async (env: Env): Promise<Configuration> => {
  const baseConfig = await grafanaConfig(env);
  return {
    ...baseConfig,
    plugins: [
      ...(baseConfig.plugins ?? []),
      // The nested Port Status panel (src/panel/) is a plugin of its own inside the app and also ships
      // alone (npm run package): its folder gets what the scaffold copies for the app at the top, its
      // plugin.json and locales coming with the scaffold's **/*.json. tests/tools/package.test.ts checks both archives.
      new CopyWebpackPlugin({
        patterns: [
          { from: 'panel/README.md', to: 'panel/' },
          { from: 'panel/img', to: 'panel/img' },
          { from: '../LICENSE', to: 'panel/' },
          { from: '../CHANGELOG.md', to: 'panel/' },
        ],
      }),
    ],
    optimization: {
      ...baseConfig.optimization,
      // The scaffold's minifier options, plus `reduce_funcs: false`. By default Terser moves a function
      // called from one place into its caller as a function expression called on the spot, so every
      // call of the caller creates a new closure. Chromium then ran those hot paths (sorting tiles,
      // building the model) several times slower after each major garbage collection: 12 ms more per
      // mount at 1,000 targets and 46 ms at 10,000 (bench:compare). tests/tools/build.test.ts checks it.
      minimizer: [
        new TerserPlugin({
          terserOptions: {
            format: {
              comments: (_, { type, value }) => type === 'comment2' && value.trim().startsWith('[create-plugin]'),
            },
            compress: {
              drop_console: ['log', 'info'],
              reduce_funcs: false,
            },
          },
        }),
      ],
    },
  };
};

export default config;
