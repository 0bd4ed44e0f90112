import https from 'node:https';
import { devApps, findUser } from '../../dev/directory';

/**
 * A token from the dev IdP's sign-in grant, as `npm run token` gets one: `ferry` for Ferry's device
 * API, `graph` for the simulator (what a direct client holds). The IdP's certificate is checked
 * against the dev CA passed in.
 */
export async function devToken(idpUrl: string, upn: string, audience: 'ferry' | 'graph', caPem: string): Promise<string> {
  const user = findUser(upn);
  if (!user) throw new RangeError(`no dev user ${upn}`);
  const form = new URLSearchParams({
    grant_type: 'password',
    client_id: devApps.deviceClientId,
    username: upn,
    password: 'dev',
    scope: audience === 'graph' ? `${devApps.graphAudience}/.default` : `api://${devApps.ferryClientId}/${devApps.apiScope}`,
  }).toString();
  const url = new URL(`/${user.tenant}/oauth2/v2.0/token`, idpUrl);
  const body = await new Promise<string>((resolve, reject) => {
    const request = https.request(url, { method: 'POST', ca: caPem, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(form) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(form);
  });
  const token = (JSON.parse(body) as { access_token?: unknown }).access_token;
  if (typeof token !== 'string') throw new Error(`the dev IdP gave no ${audience} token for ${upn}`);
  return token;
}
