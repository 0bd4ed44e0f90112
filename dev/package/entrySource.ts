import path from 'node:path';

/**
 * The bundle's one entry: an import of every function file, in order, relative to `rootDir`.
 * Generated (esbuild reads it from stdin), never written into functions/. Pure.
 */
export function entrySource(rootDir: string, functionFiles: readonly string[]): string {
  return functionFiles
    .map((file) => {
      const relative = path.relative(rootDir, file).split(path.sep).join('/').replace(/\.ts$/, '');
      return `import ${JSON.stringify(`./${relative}`)};\n`;
    })
    .join('');
}
