import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSimpleYaml } from '../../dev/infra/parseSimpleYaml';

describe('parseSimpleYaml', () => {
  it('reads the real azure.yaml', () => {
    const yaml = parseSimpleYaml(readFileSync(path.join(__dirname, '../../azure.yaml'), 'utf8'));
    expect(yaml).toMatchObject({
      name: 'ferry',
      services: { api: { project: '.', language: 'ts', host: 'function', dist: 'out/package', remoteBuild: false } },
      hooks: { postprovision: { posix: { shell: 'sh', run: 'node scripts/state-key.mjs ensure' } } },
    });
  });

  it('reads nested mappings, quoted and plain scalars, booleans, lists of scalars and comments', () => {
    const text = [
      '# leading comment',
      'name: "ferry # not a comment"',
      "quoted: 'it''s'",
      'flag: true   # trailing comment',
      'empty:',
      'outer:',
      '  inner:',
      '    deep: value',
      '  list:',
      '    - one',
      "    - 'two'",
    ].join('\n');
    expect(parseSimpleYaml(text)).toEqual({
      name: 'ferry # not a comment',
      quoted: "it's",
      flag: true,
      empty: null,
      outer: { inner: { deep: 'value' }, list: ['one', 'two'] },
    });
  });

  it.each([
    ['a flow mapping', 'services: { api: {} }'],
    ['a block scalar', 'run: |\n  npm run package'],
    ['a list of mappings', 'steps:\n  - run: x'],
    ['stray indentation', 'a: 1\n    b: 2'],
    ['a line that is not key: value', 'just text'],
  ])('refuses %s rather than misreading it', (_case, text) => {
    expect(() => parseSimpleYaml(text)).toThrow(SyntaxError);
  });
});
