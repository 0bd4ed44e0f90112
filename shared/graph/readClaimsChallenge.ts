/** Base64 or base64url, as Entra writes the claims of a challenge; bounded because it goes back out in a header. */
const claimsShape = /^[A-Za-z0-9+/_-]{1,8192}={0,2}$/;

/**
 * The claims of a continuous access evaluation challenge in a Graph 401's `WWW-Authenticate`
 * (`Bearer authorization_uri="...", error="insufficient_claims", claims="<base64>"`), or undefined when
 * the 401 is not one (or its claims are not base64: they are passed to the device and must stay a
 * token, never text). https://learn.microsoft.com/entra/identity-platform/claims-challenge
 */
export function readClaimsChallenge(wwwAuthenticate: string | undefined): string | undefined {
  if (!wwwAuthenticate || !/\berror\s*=\s*"?insufficient_claims"?/i.test(wwwAuthenticate)) return undefined;
  const claims = /\bclaims\s*=\s*"([^"]*)"/i.exec(wwwAuthenticate)?.[1];
  return claims !== undefined && claimsShape.test(claims) ? claims : undefined;
}
