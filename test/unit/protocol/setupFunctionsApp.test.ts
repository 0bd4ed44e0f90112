import { readdirSync } from 'node:fs';
import path from 'node:path';
import { clearRegistrations } from '../../../dev/host/functionsCore';

const functionsDir = path.join(__dirname, '../../../functions');
const files = readdirSync(functionsDir).filter((file) => file.endsWith('.ts'));

/**
 * HTTP streaming must be on whichever function file the worker loads: each file in functions/ turns it
 * on (through registerCommand or directly), before it registers anything.
 */
describe('app.setup({enableHttpStream: true})', () => {
  afterAll(() => clearRegistrations());

  it.each(files)('is called by functions/%s before its registration', (file) => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { app } = require('@azure/functions') as typeof import('@azure/functions');
      const order: string[] = [];
      const setup = jest.spyOn(app, 'setup').mockImplementation(() => void order.push('setup'));
      jest.spyOn(app, 'http').mockImplementation(() => void order.push('http'));
      require(path.join(functionsDir, file));
      expect(setup).toHaveBeenCalledWith({ enableHttpStream: true });
      expect(order[0]).toBe('setup');
    });
  });
});
