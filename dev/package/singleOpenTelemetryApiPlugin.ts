import path from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * Makes every `@opentelemetry/api` import in the bundle the copy the Azure Monitor distro uses. npm
 * can install two copies (Ferry pins 1.9.0, the distro wants ^1.9.1, so it gets a nested one), and
 * the API keeps per-copy state: an instrumentation holding the other copy's proxy tracer never sees
 * the SDK's provider, so outgoing HTTP calls would produce metrics but no spans. One copy in the
 * bundle removes the problem for production whatever npm laid out.
 */
export function singleOpenTelemetryApiPlugin(rootDir: string): Plugin {
  const distroDir = path.dirname(require.resolve('@azure/monitor-opentelemetry/package.json', { paths: [rootDir] }));
  const apiEntry = require.resolve('@opentelemetry/api', { paths: [distroDir] });
  return {
    name: 'ferry-single-opentelemetry-api',
    setup(build) {
      build.onResolve({ filter: /^@opentelemetry\/api$/ }, () => ({ path: apiEntry }));
    },
  };
}
