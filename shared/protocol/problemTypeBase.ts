/**
 * Where problem `type` URIs come from: a problem's `type` is this base followed by its `code`
 * (RFC 9457 §3.1.1: a URI that identifies the problem type; it need not be fetchable). The operator
 * sets `FERRY_PROBLEM_TYPE_BASE` to their own docs of the error table, e.g.
 * `https://docs.contoso.com/ferry/device-api#`; without it, types are `tag:` URIs (RFC 4151), which
 * identify without pointing anywhere, so no client fetches a page that is not Ferry's. Ferry owns no
 * domain to tag with: `ferry.invalid` (RFC 6761 §6.4) can never be anyone's, so these names collide
 * with nobody's. Devices branch on `code`, never on `type`.
 */
export const defaultProblemTypeBase = 'tag:ferry.invalid,2026:problem:';

// RFC 4151 §2.1: tag:<DNS name or email>,<date>:<specific>[#fragment], specific and fragment of pchar / "/" / "?".
const dnsComponent = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const dnsName = `${dnsComponent}(?:\\.${dnsComponent})*`;
const emailAddress = `[A-Za-z0-9._-]+@${dnsName}`;
const date = '\\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\\d|3[01]))?)?';
const uriChars = "(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*";
const tagUri = new RegExp(`^tag:(?:${dnsName}|${emailAddress}),${date}:${uriChars}(?:#${uriChars})?$`);

/** The code is appended as it is: a base must end where a name can begin. */
const separatorAtEnd = /[/#:=]$/;

/**
 * Whether `value` can be the base of problem types: an absolute https URL (no credentials) or a
 * `tag:` URI, ending in `/`, `#`, `:` or `=` so that base + code reads as one name.
 */
export function isProblemTypeBase(value: string): boolean {
  if (!separatorAtEnd.test(value)) return false;
  if (value.startsWith('tag:')) return tagUri.test(value);
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/**
 * The base configured in `runtime`; the default when the runtime cannot be built (configuration that
 * does not load, an invalid FERRY_PROBLEM_TYPE_BASE included, is itself the failure being answered).
 */
export function configuredProblemTypeBase(runtime: () => { readonly config: { FERRY_PROBLEM_TYPE_BASE: string } }): string {
  try {
    return runtime().config.FERRY_PROBLEM_TYPE_BASE;
  } catch {
    return defaultProblemTypeBase;
  }
}
