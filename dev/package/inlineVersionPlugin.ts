import path from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * shared/version.ts reads package.json next to the compiled file at run time; in the bundle there is
 * no such layout, so the bundle gets the version as a constant instead.
 */
export function inlineVersionPlugin(rootDir: string, version: string): Plugin {
  const versionFile = path.join(rootDir, 'shared', 'version.ts');
  return {
    name: 'ferry-inline-version',
    setup(build) {
      build.onLoad({ filter: /[\\/]shared[\\/]version\.ts$/ }, (args) =>
        path.resolve(args.path) === versionFile
          ? { contents: `export const ferryVersion = ${JSON.stringify(version)};\n`, loader: 'ts' }
          : undefined,
      );
    },
  };
}
