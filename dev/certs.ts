import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { ferryDevDir } from './ferryDevDir';
import { writeFileAtomically } from './writeFileAtomically';

/** PEM texts of the dev certificate authority and of the `localhost` server certificate it signed. */
export interface DevCertificates {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const files = { ca: 'ca.pem', caKey: 'ca-key.pem', cert: 'localhost.pem', key: 'localhost-key.pem' };
const dayInMs = 24 * 60 * 60 * 1000;
/** Re-issue a certificate this long before it expires, so a long-lived checkout never starts with a dead one. */
const renewBeforeInMs = 30 * dayInMs;

/**
 * Makes sure `dir` holds a dev CA (`ca.pem`, `ca-key.pem`) and a server certificate for `localhost`,
 * `127.0.0.1` and `::1` signed by it (`localhost.pem`, `localhost-key.pem`); creates what is missing,
 * expiring within 30 days, or not signed by the CA on disk, and keeps the rest. The CA is trusted by
 * starting node with `NODE_EXTRA_CA_CERTS={dir}/ca.pem`, which Node reads only at start: that is why
 * the CA outlives restarts and only the server certificate is re-issued when it can be.
 *
 * Not safe against two processes creating the CA at the same moment: `node dist/dev/ensureCerts.js`
 * runs first, alone, in the npm scripts.
 * @param dir default `FERRY_DEV_DIR` or `.ferry-dev`
 */
export async function ensureDevCertificates(dir: string = ferryDevDir()): Promise<DevCertificates> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let ca = readPair(dir, files.ca, files.caKey);
  let caIsNew = false;
  if (!ca || expiresSoon(ca.cert)) {
    ca = await generateCa();
    writeFileAtomically(join(dir, files.caKey), ca.key);
    writeFileAtomically(join(dir, files.ca), ca.cert, 0o644);
    caIsNew = true;
  }
  let server = readPair(dir, files.cert, files.key);
  if (caIsNew || !server || expiresSoon(server.cert) || !isIssuedBy(server.cert, ca.cert)) {
    server = await generateServerCertificate(ca);
    writeFileAtomically(join(dir, files.key), server.key);
    writeFileAtomically(join(dir, files.cert), server.cert, 0o644);
  }
  return { caPem: ca.cert, certPem: server.cert, keyPem: server.key };
}

interface PemPair {
  cert: string;
  key: string;
}

/**
 * Makes sure `dir` holds a server certificate named `name` (`{name}.pem`, `{name}-key.pem`) for the
 * DNS names `dnsNames`, signed by the dev CA (created by ensureDevCertificates when missing). For
 * stand-ins that need other host names than `localhost`: the Key Vault SDK only talks to a vault on a
 * subdomain of its challenge resource, so the vault stand-in serves `ferry.vault.localhost`. Re-issued
 * when missing, expiring within 30 days, not signed by the CA, not covering a name, or not matching its
 * key (two processes that issued it at once may have left one's key beside the other's certificate).
 */
export async function ensureDevHostCertificate(dir: string, name: string, dnsNames: readonly string[]): Promise<{ certPem: string; keyPem: string }> {
  const { caPem } = await ensureDevCertificates(dir);
  const ca = readPair(dir, files.ca, files.caKey)!;
  const certFile = `${name}.pem`;
  const keyFile = `${name}-key.pem`;
  let pair = readPair(dir, certFile, keyFile);
  if (!pair || expiresSoon(pair.cert) || !isIssuedBy(pair.cert, caPem) || !covers(pair, dnsNames)) {
    pair = await generateServerCertificate(ca, dnsNames.map((value): AltName => ({ type: 2, value })));
    writeFileAtomically(join(dir, keyFile), pair.key);
    writeFileAtomically(join(dir, certFile), pair.cert, 0o644);
  }
  return { certPem: pair.cert, keyPem: pair.key };
}

function covers(pair: PemPair, dnsNames: readonly string[]): boolean {
  try {
    const cert = new X509Certificate(pair.cert);
    const names = (cert.subjectAltName ?? '').split(', ');
    return dnsNames.every((n) => names.includes(`DNS:${n}`)) && cert.checkPrivateKey(createPrivateKey(pair.key));
  } catch {
    return false;
  }
}

function readPair(dir: string, certFile: string, keyFile: string): PemPair | undefined {
  const certPath = join(dir, certFile);
  const keyPath = join(dir, keyFile);
  if (!existsSync(certPath) || !existsSync(keyPath)) return undefined;
  return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
}

function expiresSoon(certPem: string): boolean {
  try {
    return new Date(new X509Certificate(certPem).validTo).getTime() - Date.now() < renewBeforeInMs;
  } catch {
    return true; // unreadable: treat as missing
  }
}

function isIssuedBy(certPem: string, caPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    return cert.checkIssued(ca) && cert.verify(ca.publicKey);
  } catch {
    return false;
  }
}

async function generateCa(): Promise<PemPair> {
  const notBeforeDate = new Date(Date.now() - dayInMs); // tolerate a little clock skew between processes
  const pems = await generate(
    [
      { name: 'commonName', value: 'Ferry Dev CA' },
      { name: 'organizationName', value: 'Ferry (local development only)' },
    ],
    {
      keyType: 'rsa',
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate: new Date(notBeforeDate.getTime() + 10 * 365 * dayInMs),
      extensions: [
        { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ],
    },
  );
  return { cert: pems.cert, key: pems.private };
}

type AltName = { type: 2; value: string } | { type: 7; ip: string };

const localhostNames: AltName[] = [
  { type: 2, value: 'localhost' },
  { type: 7, ip: '127.0.0.1' },
  { type: 7, ip: '::1' },
];

async function generateServerCertificate(ca: PemPair, altNames: AltName[] = localhostNames): Promise<PemPair> {
  const notBeforeDate = new Date(Date.now() - dayInMs);
  const pems = await generate([{ name: 'commonName', value: altNames[0]?.type === 2 ? altNames[0].value : 'localhost' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 365 * dayInMs),
    ca: { key: ca.key, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
