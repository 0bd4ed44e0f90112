import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
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

async function generateServerCertificate(ca: PemPair): Promise<PemPair> {
  const notBeforeDate = new Date(Date.now() - dayInMs);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
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
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
