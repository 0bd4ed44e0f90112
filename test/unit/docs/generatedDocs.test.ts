import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generatedDocs } from '../../../dev/docs/generateDocs';
import { allErrorCodes } from '../../../shared/protocol/errorCodes';
import { deviceCommands } from '../../../shared/commands/deviceCommands';
import { isRawCommand } from '../../../shared/protocol/commandDefinition';

const root = path.join(__dirname, '../../..');

describe('generated documentation', () => {
  it.each(Object.entries(generatedDocs(root)))('%s matches the code (run `npm run docs`)', (file, expected) => {
    expect(readFileSync(path.join(root, file), 'utf8')).toBe(expected);
  });

  it('lists every error code and every command in docs/device-api.md', () => {
    const doc = readFileSync(path.join(root, 'docs/device-api.md'), 'utf8');
    for (const code of allErrorCodes) expect(doc).toContain(`| \`${code}\` |`);
    for (const command of deviceCommands) expect(doc).toContain(`${isRawCommand(command) ? command.method : 'POST'} /api/v1/${command.route}`);
  });

  it('has one functions/ adapter per device command', () => {
    for (const command of deviceCommands) {
      const adapter = readFileSync(path.join(root, 'functions', `${command.functionName}.ts`), 'utf8');
      expect(adapter).toContain('registerCommand(');
    }
  });
});
