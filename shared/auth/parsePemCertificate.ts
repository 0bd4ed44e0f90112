import { createPrivateKey, X509Certificate } from 'node:crypto';

export interface PemCertificate {
  /** SHA-256 of the leaf certificate's DER, lowercase hex: MSAL puts it in the assertion's `x5t#S256`. */
  thumbprintSha256: string;
  /** The private key, PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), as MSAL requires. */
  privateKeyPem: string;
  /** The certificate chain, leaf first, PEM: sent as `x5c` for subject-name/issuer authentication. */
  x5c: string;
}

const certificateBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const keyBlock = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/;

/**
 * Splits the PEM text Key Vault returns for a certificate (`application/x-pem-file`: the private key
 * and the chain) into what MSAL's `clientCertificate` takes. The leaf is the certificate matching the
 * key, wherever it sits. Throws TypeError without quoting the input when a part is missing or the key
 * belongs to none of the certificates.
 */
export function parsePemCertificate(pem: string): PemCertificate {
  const keyText = keyBlock.exec(pem)?.[0];
  const certificates = (pem.match(certificateBlock) ?? []).map((text) => ({ text, x509: new X509Certificate(text) }));
  if (!keyText || certificates.length === 0) throw new TypeError('The certificate PEM must hold a private key and at least one certificate.');
  const privateKey = createPrivateKey(keyText);
  const leafIndex = certificates.findIndex((c) => c.x509.checkPrivateKey(privateKey));
  if (leafIndex < 0) throw new TypeError('The private key in the certificate PEM matches none of its certificates.');
  const leaf = certificates[leafIndex]!;
  const chain = [leaf, ...certificates.filter((_, i) => i !== leafIndex)];
  return {
    thumbprintSha256: leaf.x509.fingerprint256.replace(/:/g, '').toLowerCase(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    x5c: chain.map((c) => c.text).join('\n'),
  };
}
