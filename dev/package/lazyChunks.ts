import type { Plugin } from 'esbuild';

/**
 * Packages Ferry needs only on first use (telemetry when the first command starts, the identity SDK on
 * the first Azure token, Key Vault on the first vault read, MSAL on the first on-behalf-of exchange, luxon and windows-iana on
 * the first calendar command), each bundled as its own CommonJS file in
 * `lazy/` and required from there when Ferry's code first asks for it. esbuild splits code only for
 * ESM output, and the Functions worker loads CommonJS, so the split is done by hand: main.js keeps
 * `require("./lazy/<chunk>.js")` where the package would have been, and each chunk is a bundle of its
 * own. A chunk that needs another lazy package requires that one's chunk (the distro uses the identity
 * SDK, which uses MSAL), so none is in the package twice. About 60% of what main.js held before (docs/performance.md).
 */
export const lazyChunks = {
  '@azure/monitor-opentelemetry': 'monitor-opentelemetry.js',
  '@azure/identity': 'identity.js',
  '@azure/keyvault-secrets': 'keyvault-secrets.js',
  '@azure/msal-node': 'msal-node.js',
  luxon: 'luxon.js',
  'windows-iana': 'windows-iana.js',
} as const;

export type LazyPackage = keyof typeof lazyChunks;

/** Where a lazy package's chunk is, relative to the requiring file: main.js at the root, or another chunk in lazy/. */
export function lazyChunkPath(name: LazyPackage, from: 'main' | 'lazy'): string {
  return `${from === 'main' ? './lazy/' : './'}${lazyChunks[name]}`;
}

const lazyPackagePattern = new RegExp(`^(${Object.keys(lazyChunks).map((name) => name.replace(/[/\\^$.*+?()[\]{}|-]/g, '\\$&')).join('|')})$`);

/**
 * Resolves each lazy package (except `self`, the chunk being built) to its chunk, left to be required at
 * run time. Every import of the package goes there, whoever imports it.
 */
export function requireLazyChunksPlugin(from: 'main' | 'lazy', self?: LazyPackage): Plugin {
  return {
    name: 'ferry-require-lazy-chunks',
    setup(build) {
      build.onResolve({ filter: lazyPackagePattern }, (args) => {
        const name = args.path as LazyPackage;
        if (name === self) return undefined;
        return { path: lazyChunkPath(name, from), external: true };
      });
    },
  };
}

/**
 * The global main.js leaves the OpenTelemetry API under for the chunks. The API keeps per-copy state
 * (singleOpenTelemetryApiPlugin), so the distro's chunk must use main.js's copy, not bundle its own.
 * A process-wide module handle, never request data.
 */
export const sharedOpenTelemetryApiKey = 'ferry.package.opentelemetry-api';

/** The lines main.js's entry ends with: hand its OpenTelemetry API to the chunks. */
export const shareOpenTelemetryApiSource = `import * as ferrySharedOpenTelemetryApi from '@opentelemetry/api';\n(globalThis as Record<symbol, unknown>)[Symbol.for(${JSON.stringify(sharedOpenTelemetryApiKey)})] = ferrySharedOpenTelemetryApi;\n`;

/** In a chunk: `@opentelemetry/api` is main.js's copy, read from the global main.js set. */
export function sharedOpenTelemetryApiPlugin(): Plugin {
  return {
    name: 'ferry-shared-opentelemetry-api',
    setup(build) {
      build.onResolve({ filter: /^@opentelemetry\/api$/ }, () => ({ path: 'opentelemetry-api', namespace: 'ferry-shared' }));
      build.onLoad({ filter: /.*/, namespace: 'ferry-shared' }, () => ({
        contents: [
          `const api = globalThis[Symbol.for(${JSON.stringify(sharedOpenTelemetryApiKey)})];`,
          `if (!api) throw new Error('A lazy chunk was required before main.js shared its OpenTelemetry API.');`,
          'module.exports = api;',
        ].join('\n'),
        loader: 'js',
      }));
    },
  };
}
