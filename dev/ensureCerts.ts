import { ensureDevCertificates } from './certs';
import { ferryDevDir } from './ferryDevDir';
import { ensureSigningKey } from './idp/signingKey';

/**
 * `node dist/dev/ensureCerts.js`: creates the dev CA, the localhost certificate and the IdP signing key
 * when missing. The npm scripts run it before starting node with `NODE_EXTRA_CA_CERTS={dir}/ca.pem`,
 * because Node reads that variable only at start. Quiet on success so it can lead a `&&` chain.
 */
async function main(): Promise<void> {
  const dir = ferryDevDir();
  await ensureDevCertificates(dir);
  await ensureSigningKey(dir);
}

main().catch((error: unknown) => {
  process.stderr.write(`ensureCerts: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
