import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArmTemplate } from './armTemplate';
import { parseSimpleYaml } from './parseSimpleYaml';

/** Everything the infra policies judge: the compiled template and the files deployed beside it. */
export interface InfraInputs {
  /** `bicep build infra/main.bicep` output. */
  template: ArmTemplate;
  /** infra/main.parameters.json. */
  parametersFile: Record<string, unknown>;
  /** azure.yaml, parsed. */
  azureYaml: Record<string, unknown>;
  /** infra/bicepconfig.json. */
  bicepConfig: Record<string, unknown>;
  /** Every infra/**\/*.bicep source by repo-relative path (forward slashes). */
  bicepSources: Record<string, string>;
  /** Repo files some policies read (`.funcignore`, `.gitignore`, `package.json`); absent ones are undefined. */
  repoFiles: Record<string, string | undefined>;
}

export const repoFilesRead = ['.funcignore', '.gitignore', 'package.json'] as const;

/** Reads the inputs from a checkout, given the compiled template. */
export function readInfraInputs(rootDir: string, template: ArmTemplate): InfraInputs {
  const read = (file: string) => readFileSync(path.join(rootDir, file), 'utf8');
  return {
    template,
    parametersFile: JSON.parse(read('infra/main.parameters.json')) as Record<string, unknown>,
    azureYaml: parseSimpleYaml(read('azure.yaml')),
    bicepConfig: JSON.parse(read('infra/bicepconfig.json')) as Record<string, unknown>,
    bicepSources: Object.fromEntries(listFiles(rootDir, 'infra', '.bicep').map((file) => [file, read(file)])),
    repoFiles: Object.fromEntries(
      repoFilesRead.map((file) => [file, existsSync(path.join(rootDir, file)) ? read(file) : undefined]),
    ),
  };
}

/** Repo-relative paths (forward slashes) of the files under `dir` ending in `suffix`, sorted. */
export function listFiles(rootDir: string, dir: string, suffix: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(rootDir, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(suffix)) found.push(child);
    }
  };
  if (existsSync(path.join(rootDir, dir))) walk(dir);
  return found.sort();
}
