import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deviceCommands } from '../../shared/commands/deviceCommands';
import { buildOpenApiDocument } from '../../shared/protocol/buildOpenApiDocument';
import { ferryVersion } from '../../shared/version';
import { renderGeneratedSections } from './renderGeneratedSections';
import { renderConfigTable } from './renderConfigTable';
import { replaceGeneratedSections } from './replaceGeneratedSections';

/** The generated documentation files and their expected content, given the current files. */
export function generatedDocs(rootDir: string): Record<string, string> {
  const read = (file: string) => readFileSync(path.join(rootDir, file), 'utf8');
  return {
    'docs/openapi.json': JSON.stringify(buildOpenApiDocument(deviceCommands, ferryVersion), null, 2) + '\n',
    'docs/device-api.md': replaceGeneratedSections(read('docs/device-api.md'), renderGeneratedSections(deviceCommands)),
    'README.md': replaceGeneratedSections(read('README.md'), { config: renderConfigTable() }),
  };
}

/** `npm run docs`: rewrites the generated documentation from the code. */
if (require.main === module) {
  const rootDir = process.cwd();
  for (const [file, content] of Object.entries(generatedDocs(rootDir))) writeFileSync(path.join(rootDir, file), content);
  process.stdout.write('docs regenerated: docs/openapi.json, docs/device-api.md, README.md\n');
}
