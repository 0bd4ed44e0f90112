import { toTelemetryPath } from './toTelemetryPath';
import { toTelemetryUrl } from './toTelemetryUrl';

export type TelemetryValue = string | number | boolean | Array<string | number | boolean | null | undefined>;
export type TelemetryAttributes = Record<string, TelemetryValue | undefined>;

/** URL attributes (old and stable HTTP semantic conventions): kept as origin + templated path. */
const urlKeys = new Set(['url.full', 'http.url']);
/** Path attributes: kept as templated path, query dropped. */
const pathKeys = new Set(['url.path', 'http.target', 'http.route', 'url.template']);
/** Host names and addresses of the services Ferry calls (Graph, Entra ID, Key Vault): configuration, not user data. */
const hostKeys = new Set(['server.address', 'net.peer.name', 'http.host']);
/** Closed-vocabulary attributes of HTTP client spans: methods, statuses, ports, protocol, error type. */
const tokenKeys = new Set([
  'http.request.method',
  'http.method',
  'http.response.status_code',
  'http.status_code',
  'url.scheme',
  'http.scheme',
  'server.port',
  'net.peer.port',
  'network.protocol.name',
  'network.protocol.version',
  'http.flavor',
  'error.type',
  'http.request.resend_count',
]);
/**
 * Markers the Azure Monitor SDK itself sets (`_MS.ProcessedByMetricExtractors`, sample rate): the
 * ingestion needs them to avoid counting dependencies twice. Never set from request data.
 */
const sdkMarkerKeys = /^(_MS\.|microsoft\.sample_rate$)/;

const safeToken = /^[A-Za-z0-9_.:/{}-]{1,64}$/;
const hostName = /^[A-Za-z0-9.:[\]-]{1,253}$/;
const jwtLike = /eyJ[A-Za-z0-9_-]{10,}/;

/** A string Ferry or the HTTP instrumentation put there from a closed vocabulary: a word, code or number, never free text. */
export function isSafeToken(value: string): boolean {
  return safeToken.test(value) && !jwtLike.test(value);
}

/**
 * The attributes telemetry may carry, from any span, span event or metric: an allow-list. URLs keep
 * origin + templated path, paths their template; methods, statuses, hosts and ports stay; Ferry's own
 * `ferry.*` attributes stay when they are numbers, booleans or short tokens. Everything else (query,
 * headers, user agent, peer address, `enduser.*`, exception messages, any unknown key) is dropped.
 * Pure: returns a new object.
 */
export function sanitizeTelemetryAttributes(attributes: Readonly<TelemetryAttributes>): TelemetryAttributes {
  const safe: TelemetryAttributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    const kept = sanitizeValue(key, value);
    if (kept !== undefined) safe[key] = kept;
  }
  return safe;
}

function sanitizeValue(key: string, value: TelemetryValue | undefined): TelemetryValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) && isKnownKey(key) ? value : undefined;
  if (typeof value === 'boolean') return isKnownKey(key) ? value : undefined;
  if (typeof value !== 'string') return undefined; // arrays: no allowed attribute is one
  if (urlKeys.has(key)) return toTelemetryUrl(value);
  if (pathKeys.has(key)) return toTelemetryPath(value);
  if (hostKeys.has(key)) return hostName.test(value) ? value : undefined;
  if (tokenKeys.has(key) || key.startsWith('ferry.')) return isSafeToken(value) ? value : undefined;
  if (sdkMarkerKeys.test(key)) return value.length <= 128 && !value.includes('@') && !jwtLike.test(value) ? value : undefined;
  return undefined;
}

function isKnownKey(key: string): boolean {
  return tokenKeys.has(key) || hostKeys.has(key) || key.startsWith('ferry.') || sdkMarkerKeys.test(key);
}
