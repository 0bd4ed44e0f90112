import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { minimumNodeMajor, nodeVersionRefusal } from '../../../shared/nodeVersion';

const root = path.join(__dirname, '../../..');

/**
 * Issue #24: on Node 20, `npm start` ran without a word, and a crafted body took half a minute to cut
 * there (Intl.Segmenter's containing() costs time in the text's length). Every entry point refuses to
 * start below package.json's engines.node, saying so.
 */
describe('Node version check', () => {
  it('matches package.json engines.node', () => {
    const engines = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe(`>=${minimumNodeMajor}`);
  });

  it.each([
    ['v20.11.1', true],
    ['v21.7.3', true],
    ['v8.0.0', true],
    ['garbage', true],
    ['v22.0.0', false],
    ['v22.23.3', false],
    ['v24.1.0', false],
  ])('%s refused: %s', (version, refused) => {
    const refusal = nodeVersionRefusal(version);
    expect(refusal !== undefined).toBe(refused);
    if (refusal) expect(refusal).toContain(`Ferry needs Node.js ${minimumNodeMajor} or later`);
  });

  describe('entry points, on a Node that says it is 20', () => {
    let dir: string;
    let preload: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'ferry-node-'));
      preload = path.join(dir, 'node20.js');
      writeFileSync(preload, "Object.defineProperty(process, 'version', { value: 'v20.11.1' });\n");
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
      ['the local Functions host', 'dist/dev/host/main.js'],
      ['npm start', 'dist/dev/start.js'],
    ])('%s exits 1 with the reason, before listening', (_name, entry) => {
      const result = spawnSync(process.execPath, ['--require', preload, path.join(root, entry)], {
        cwd: root,
        env: { ...process.env, FERRY_HOST_PORT: '0', FERRY_DEV_DIR: path.join(dir, 'dev') },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`Ferry needs Node.js ${minimumNodeMajor} or later`);
      expect(result.stderr).toContain('this is Node.js v20.11.1');
      expect(result.stdout).not.toMatch(/https?:\/\//);
    });
  });
});
