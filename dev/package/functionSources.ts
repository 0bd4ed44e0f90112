import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveFunctionFiles } from '../host/resolveFunctionFiles';

/**
 * The TypeScript sources of the function files the Node worker would load: package.json `main`
 * (`dist/functions/*.js`, the tsc build) mapped back to the sources (`functions/*.ts`). So the bundle
 * registers exactly what the TypeScript build registers, and functions/ stays one file per command.
 * @returns absolute paths, sorted
 */
export function functionSources(rootDir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { main?: unknown };
  if (typeof manifest.main !== 'string') throw new TypeError('package.json has no "main" naming the function files.');
  const sourcePattern = manifest.main.replace(/^(\.\/)?dist\//, '').replace(/\.js$/, '.ts');
  const files = resolveFunctionFiles(rootDir, sourcePattern).filter((file) => existsSync(file));
  if (files.length === 0) throw new Error(`No function sources match ${sourcePattern}.`);
  return files;
}
