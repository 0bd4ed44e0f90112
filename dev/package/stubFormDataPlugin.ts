import type { Plugin } from 'esbuild';

const axiosImporter = /[\\/]node_modules[\\/]axios[\\/]/;

/** A FormData class no one can build: `instanceof` checks stay false, a multipart body fails loudly. */
const stubSource = `module.exports = class FormData {
  constructor() {
    throw new Error('Ferry\\'s package leaves out form-data: Ferry sends Graph JSON only, never multipart bodies.');
  }
};
`;

/**
 * axios requires `form-data` at load time for multipart request bodies, which Ferry never sends (every
 * Graph request body is JSON, shared/graph/transport/axiosTransport.ts). With it come mime-types and
 * mime-db's 137 KB JSON table, parsed at every cold start. Only axios's import is replaced.
 */
export function stubFormDataPlugin(): Plugin {
  return {
    name: 'ferry-stub-form-data',
    setup(build) {
      build.onResolve({ filter: /^form-data$/ }, (args) => (axiosImporter.test(args.importer) ? { path: 'form-data', namespace: 'ferry-stub-form-data' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'ferry-stub-form-data' }, () => ({ contents: stubSource, loader: 'js' }));
    },
  };
}
