import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { entrySource } from '../../../dev/package/entrySource';
import { functionSources } from '../../../dev/package/functionSources';
import { packageManifest } from '../../../dev/package/packageManifest';
import { writeZip } from '../../../dev/package/writeZip';

const root = path.join(__dirname, '../../..');

describe('package parts', () => {
  it('bundles every function file the tsc build registers: package.json main mapped back to functions/*.ts', () => {
    const sources = functionSources(root).map((file) => path.relative(root, file));
    const onDisk = readdirSync(path.join(root, 'functions')).filter((name) => name.endsWith('.ts')).map((name) => path.join('functions', name)).sort();
    expect(sources).toEqual(onDisk);
  });

  it('generates one entry importing each function file, relative to the root', () => {
    expect(entrySource('/repo', ['/repo/functions/health.ts', '/repo/functions/mailSync.ts'])).toBe('import "./functions/health";\nimport "./functions/mailSync";\n');
  });

  it('writes a package.json with main.js and no dependencies, scripts or dev tooling', () => {
    const manifest = packageManifest(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')));
    expect(manifest).toMatchObject({ name: 'ferry', main: 'main.js', private: true, engines: { node: '>=22' } });
    expect(Object.keys(manifest).sort()).toEqual(['description', 'engines', 'license', 'main', 'name', 'private', 'version']);
  });

  it('zips the same files to the same bytes (fixed times), in the given order', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-zip-'));
    try {
      writeFileSync(path.join(dir, 'a.txt'), 'alpha');
      writeFileSync(path.join(dir, 'b.txt'), 'beta');
      const entries = [{ name: 'a.txt', file: path.join(dir, 'a.txt') }, { name: 'b.txt', file: path.join(dir, 'b.txt') }];
      await writeZip(path.join(dir, 'one.zip'), entries);
      await writeZip(path.join(dir, 'two.zip'), entries);
      expect(readFileSync(path.join(dir, 'one.zip'))).toEqual(readFileSync(path.join(dir, 'two.zip')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
