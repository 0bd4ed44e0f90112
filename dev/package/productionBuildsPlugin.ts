import path from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * Packages whose `main` chooses a build by `process.env.NODE_ENV` at run time
 * (`if (NODE_ENV === 'production') require(min) else require(development)`): esbuild cannot know the
 * branch and bundles both (windows-iana: 78 KB twice). Each resolves here straight to its production
 * build: the same code as the development one, minified (windows-iana's has no warnings to lose).
 */
const productionBuilds: Record<string, string> = {
  'windows-iana': 'dist/windows-iana.cjs.production.min.js',
};

export function productionBuildsPlugin(rootDir: string): Plugin {
  const names = Object.keys(productionBuilds);
  const filter = new RegExp(`^(${names.map((name) => name.replace(/[/\\^$.*+?()[\]{}|-]/g, '\\$&')).join('|')})$`);
  return {
    name: 'ferry-production-builds',
    setup(build) {
      build.onResolve({ filter }, (args) => {
        const packageDir = path.dirname(require.resolve(`${args.path}/package.json`, { paths: [rootDir] }));
        return { path: path.join(packageDir, productionBuilds[args.path]!) };
      });
    },
  };
}
