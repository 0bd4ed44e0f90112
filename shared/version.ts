import { readFileSync } from 'node:fs';
import path from 'node:path';

function readVersion(): string {
  // package.json sits at the app root in the repo (dist/shared -> ../..) and in the deployed package.
  for (const candidate of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', 'package.json')]) {
    try {
      const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'ferry' && parsed.version) return parsed.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}

export const ferryVersion = readVersion();
