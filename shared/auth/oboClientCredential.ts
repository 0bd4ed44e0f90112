import type { NodeAuthOptions } from '@azure/msal-node';

/**
 * How Ferry proves itself to Entra in the on-behalf-of exchange (FERRY_OBO_MODE):
 * - `assertion`: a signed JWT from elsewhere, asked for on every exchange (federated: a managed
 *   identity token for `api://AzureADTokenExchange`, trusted by a federated credential on the app);
 * - `certificate`: MSAL signs a client assertion in memory with this private key (x5t#S256 = thumbprint);
 * - `secret`: a client secret.
 */
export type OboClientCredential =
  | { kind: 'assertion'; getAssertion(): Promise<string> }
  | { kind: 'certificate'; thumbprintSha256: string; privateKeyPem: string; x5c: string }
  | { kind: 'secret'; clientSecret: string };

/** The MSAL `auth` fields for a credential. */
export function toMsalClientAuth(credential: OboClientCredential): Pick<NodeAuthOptions, 'clientSecret' | 'clientAssertion' | 'clientCertificate'> {
  switch (credential.kind) {
    case 'assertion':
      return { clientAssertion: () => credential.getAssertion() };
    case 'certificate':
      return { clientCertificate: { thumbprintSha256: credential.thumbprintSha256, privateKey: credential.privateKeyPem, x5c: credential.x5c } };
    case 'secret':
      return { clientSecret: credential.clientSecret };
  }
}
