import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Expands package.json `main` the way the Node worker does: a single path or a glob with `*` and `**`.
 * Small on purpose: only the patterns a Functions app uses for its entry points.
 */
export function resolveFunctionFiles(rootDir: string, pattern: string): string[] {
  if (!/[*?]/.test(pattern)) return [path.resolve(rootDir, pattern)];
  const normalized = pattern.replace(/^\.\//, '');
  const base = normalized.slice(0, normalized.search(/[*?]/)).replace(/[^/]*$/, '');
  const matcher = globToRegExp(normalized);
  return walk(path.join(rootDir, base))
    .map((file) => path.relative(rootDir, file).split(path.sep).join('/'))
    .filter((rel) => matcher.test(rel))
    .sort()
    .map((rel) => path.join(rootDir, rel));
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function walk(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}
