import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * Test-only esbuild plugin: prepends `globalThis.__ferryLoaded.push('<package>')` to the entry files
 * (`dist/commonjs/index.js`, `dist/esm/index.js`) of each named package, so a process that loads the
 * bundle can tell which of them were evaluated. `hits` counts the files marked, so a test can check
 * the markers are really in the bundle.
 */
export function markPackageLoadsPlugin(packages: readonly string[]): { plugin: Plugin; hits: Record<string, number> } {
  const hits: Record<string, number> = Object.fromEntries(packages.map((name) => [name, 0]));
  const entry = new RegExp(`[\\\\/]node_modules[\\\\/](${packages.map((name) => name.replace(/[/\\^$.*+?()[\]{}|-]/g, '\\$&')).join('|')})[\\\\/]dist[\\\\/](commonjs|esm)[\\\\/]index\\.js$`);
  const plugin: Plugin = {
    name: 'ferry-test-mark-package-loads',
    setup(build) {
      build.onLoad({ filter: entry }, (args) => {
        const name = entry.exec(args.path)![1]!.replace(/\\/g, '/');
        hits[name] = (hits[name] ?? 0) + 1;
        const marker = `(globalThis.__ferryLoaded ??= []).push(${JSON.stringify(name)});\n`;
        return { contents: marker + readFileSync(args.path, 'utf8'), loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
  return { plugin, hits };
}
