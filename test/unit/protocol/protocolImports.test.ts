import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.join(__dirname, '../../..');

/**
 * The rooms above shared/protocol: each imports protocol (FerryError, schemas), or is the composition
 * root or an adapter. protocol/ importing one of them, even a type, would make the lowest room depend
 * on what it serves (docs/architecture.md, "Imports point one way").
 */
const above = ['shared/runtime', 'shared/commands', 'shared/sync', 'shared/graph', 'shared/state', 'shared/translate', 'shared/auth', 'shared/secrets', 'functions', 'dev'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a source names: `import`, `import type`, `export … from`, `import()` and `require()`. */
function specifiersOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

/** The repository file a relative specifier names, or undefined for a package. */
function resolve(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

const roomOf = (file: string) => above.find((room) => path.relative(root, file).startsWith(`${room}/`));

/**
 * Every import chain from a file of `startDir` that ends in a room above protocol, followed through
 * the repository's own files (a file of observability/ that imported runtime/ would count too).
 */
function chainsAbove(startDir: string, read: (file: string) => string = (file) => readFileSync(file, 'utf8')): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of specifiersOf(read(file))) {
      const target = resolve(file, specifier);
      if (!target) continue;
      const next = [...chain, path.relative(root, target)];
      if (roomOf(target)) found.push(next.join(' -> '));
      else walk(target, next);
    }
  };
  for (const file of filesUnder(startDir)) walk(file, [path.relative(root, file)]);
  return found;
}

describe('shared/protocol imports nothing above it', () => {
  it('no file of shared/protocol reaches runtime, commands, sync, graph, state, translate, auth, secrets, functions or dev', () => {
    expect(chainsAbove(path.join(root, 'shared/protocol'))).toEqual([]);
  });

  it('would notice one (the check above can fail)', () => {
    const defineCommand = path.join(root, 'shared/protocol/defineCommand.ts');
    const registerCommand = path.join(root, 'shared/protocol/registerCommand.ts');
    const planted: Record<string, string> = {
      [defineCommand]: "import type { Runtime } from '../runtime/runtime';\n",
      [registerCommand]: "const lazy = () => import('../graph/createGraphClient');\nexport { x } from '../commands/deviceCommands';\n",
    };
    const chains = chainsAbove(path.join(root, 'shared/protocol'), (file) => planted[file] ?? readFileSync(file, 'utf8'));
    expect(chains).toEqual(
      expect.arrayContaining([
        'shared/protocol/defineCommand.ts -> shared/runtime/runtime.ts',
        'shared/protocol/registerCommand.ts -> shared/graph/createGraphClient.ts',
        'shared/protocol/registerCommand.ts -> shared/commands/deviceCommands.ts',
      ]),
    );
  });

  it('functions/ hands the runtime in: each command adapter names getRuntime', () => {
    const adapters = filesUnder(path.join(root, 'functions')).filter((file) => readFileSync(file, 'utf8').includes('registerCommand('));
    expect(adapters.length).toBeGreaterThanOrEqual(3);
    for (const file of adapters) expect(readFileSync(file, 'utf8')).toMatch(/registerCommand\(\w+, getRuntime\)/);
  });
});
