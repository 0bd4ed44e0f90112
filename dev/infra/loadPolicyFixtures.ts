import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PolicyFixture } from './applyPolicyFixture';
import { listFiles } from './infraInputs';

/** Where the policy fixtures live: one JSON file per broken case. */
export const policyFixturesDir = 'test/infra/fixtures/policies';

/** Every fixture, with the repo-relative file it came from. */
export function loadPolicyFixtures(rootDir: string): Array<{ file: string; fixture: PolicyFixture }> {
  return listFiles(rootDir, policyFixturesDir, '.json').map((file) => ({
    file,
    fixture: JSON.parse(readFileSync(path.join(rootDir, file), 'utf8')) as PolicyFixture,
  }));
}
