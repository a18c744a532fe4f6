// webpack's own Node API (what webpack-cli calls), run as a child process by the test.
import webpack from 'webpack';
import config from './webpack.config.js';

webpack(config, (err, stats) => {
  if (err || stats.hasErrors()) {
    console.error(err ?? stats.toString('errors-only'));
    process.exit(1);
  }
  const warnings = stats.toJson({ all: false, warnings: true }).warnings ?? [];
  console.log(JSON.stringify({ warnings: warnings.map((w) => w.message) }));
});
