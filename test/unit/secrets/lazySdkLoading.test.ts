import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '../../..');

/**
 * Runs in a plain node process on the build (dist/), as the Functions worker loads Ferry: jest's own
 * module registry would not show what `require` really loads.
 */
function probe(env: Record<string, string>, afterwards = ''): { sdkModules: number; sockets: number; thrown?: string } {
  const script = `
    const net = require('node:net');
    let sockets = 0;
    const connect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (...args) { sockets += 1; return connect.apply(this, args); };
    const sdk = () => Object.keys(require.cache).filter((k) => /node_modules[\\\\/]@azure[\\\\/](identity|keyvault-secrets|keyvault-common)[\\\\/]/.test(k)).length;
    let thrown;
    try {
      const { createRuntime } = require('./dist/shared/runtime/runtime.js');
      const { loadConfig } = require('./dist/shared/config.js');
      createRuntime({ config: loadConfig(process.env) });
    } catch (error) { thrown = error.constructor.name; }
    ${afterwards}
    setTimeout(() => process.stdout.write(JSON.stringify({ sdkModules: sdk(), sockets, thrown })), 50);
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' }));
}

describe('loading Ferry with Key Vault configured', () => {
  it('loads neither @azure/identity nor @azure/keyvault-secrets and opens no connection until a secret is needed', () => {
    const result = probe({ FERRY_KEY_VAULT_URL: 'https://ferry.vault.localhost:9', FERRY_OBO_MODE: 'federated', AZURE_CLIENT_ID: 'a1d00000-0000-4000-8000-0000000a1d00' });
    expect(result).toEqual({ sdkModules: 0, sockets: 0 });
    // The probe does see the SDKs once something loads them.
    expect(probe({}, "require('@azure/keyvault-secrets'); require('@azure/identity');").sdkModules).toBeGreaterThan(0);
  });

  it('needs no FERRY_STATE_KEYS or FERRY_CLIENT_SECRET then (nothing secret in app settings)', () => {
    expect(probe({ FERRY_KEY_VAULT_URL: 'https://ferry.vault.localhost:9', FERRY_OBO_MODE: 'certificate' }).thrown).toBeUndefined();
  });

  it('still requires FERRY_STATE_KEYS without a vault, and FERRY_CLIENT_SECRET only in secret mode', () => {
    expect(probe({}).thrown).toBe('TypeError');
    expect(probe({ FERRY_STATE_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`, FERRY_OBO_MODE: 'federated' }).thrown).toBeUndefined();
    expect(probe({ FERRY_STATE_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}` }).thrown).toBe('TypeError');
  });
});
