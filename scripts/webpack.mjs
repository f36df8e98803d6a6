// Runs the webpack config (webpack.config.ts, which extends @grafana/create-plugin's). Under Node 20
// its ts-node loader rejects the config's module settings (TS5095), so they are overridden here
// instead of editing .config/.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const webpackCli = require.resolve('webpack-cli/bin/cli.js');

const result = spawnSync(process.execPath, [webpackCli, '-c', './webpack.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    TS_NODE_COMPILER_OPTIONS: JSON.stringify({ module: 'commonjs', moduleResolution: 'node' }),
  },
});
process.exit(result.status ?? 1);
