import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A user's clone has nothing beside it (the team's `../shared` folder is not part of Ferry), so no
 * file that tests, the local stack, the bench or CI run may point outside the repository. Relative
 * paths are resolved from the file's own folder, as `__dirname`-based code resolves them; chains of
 * `'..'` arguments (`join(__dirname, '..', '..')`) count as well as `../` in one string.
 */
const root = path.resolve(__dirname, '..', '..', '..');
const scannedFolders = ['test', 'dev', 'bench', '.ci'];
const skippedFolders = new Set(['node_modules', 'packages', 'obj', 'bin', 'logs']);
const textFile = /\.(?:[cm]?[jt]s|json|md|sh|ya?ml)$|^run$/;

/** A `../` chain inside one string literal, e.g. `'../../../shared/x'`. */
const slashChain = /(?:\.\.\/)+[^'"`\s)]*/g;
/** Consecutive `'..'` arguments, e.g. `join(__dirname, '..', '..', 'shared')`. */
const argumentChain = /(?:(['"])\.\.\1\s*,\s*)+(?:(['"])([^'"]*)\2)?/g;

function filesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder)) {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) {
      if (!skippedFolders.has(name)) found.push(...filesUnder(full));
    } else if (textFile.test(name)) found.push(full);
  }
  return found;
}

function outside(target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/** The references of one file's text that resolve outside the repository. */
export function referencesOutside(file: string, text: string): string[] {
  const folder = path.dirname(file);
  const hits: string[] = [];
  for (const match of text.matchAll(slashChain)) {
    if (outside(path.resolve(folder, match[0]))) hits.push(match[0]);
  }
  for (const match of text.matchAll(argumentChain)) {
    // Every `'..'` of the match climbs, the last one too when it is the chain's final argument.
    const ups = (match[0].match(/(['"])\.\.\1/g) ?? []).length;
    const target = path.resolve(folder, ...Array<string>(ups).fill('..'), match[3] === '..' ? '' : (match[3] ?? ''));
    if (outside(target)) hits.push(match[0]);
  }
  // An absolute path into the team's workplace is outside too, whatever the clone's location.
  for (const match of text.matchAll(/\/work\/shared\b[^'"`\s]*/g)) hits.push(match[0]);
  return hits;
}

describe('the repository stands alone', () => {
  it('finds a reference outside when one is there (the check itself works)', () => {
    const file = path.join(root, 'test', 'contract', 'x.test.ts');
    expect(referencesOutside(file, "const dir = path.join(__dirname, '../../../shared/graph-samples');")).toHaveLength(1);
    expect(referencesOutside(file, "const dir = join(__dirname, '..', '..', '..', 'shared', 'graph-samples');")).toHaveLength(1);
    expect(referencesOutside(file, "import { x } from '../../shared/protocol/x';")).toEqual([]);
    expect(referencesOutside(file, "const dir = join(__dirname, '..', 'fixtures', 'graph-samples');")).toEqual([]);
  });

  it('no file under test/, dev/, bench/ or .ci/ refers to a path outside the repository', () => {
    const offenders: string[] = [];
    for (const folder of scannedFolders) {
      for (const file of filesUnder(path.join(root, folder))) {
        const hits = referencesOutside(file, readFileSync(file, 'utf8'));
        if (hits.length > 0) offenders.push(`${path.relative(root, file)}: ${hits.join(', ')}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps every Graph sample beside the note naming the Microsoft page it comes from', () => {
    const folder = path.join(root, 'test', 'fixtures', 'graph-samples');
    const names = readdirSync(folder);
    const samples = names.filter((name) => name.endsWith('.json'));
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      const note = sample.replace(/\.json$/, '.source.txt');
      expect(names).toContain(note);
      expect(readFileSync(path.join(folder, note), 'utf8')).toMatch(/^(Repo|Path|Page|Source|URL):/m);
    }
  });
});
