import type { Registration } from './functionsCore';

/**
 * Route templates as the Functions host reads them (ASP.NET style): literal segments, `{name}`,
 * `{name?}`, `{name:constraint}` and a trailing `{*rest}`. When several routes match, the most
 * specific wins, segment by segment: literal before parameter before catch-all.
 */
export interface HttpRoute {
  functionName: string;
  registration: Registration;
  methods: string[] | null;
  authLevel: 'anonymous' | 'function' | 'admin';
  template: string;
  match(pathname: string): Record<string, string> | null;
  rank: number[];
}

type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; name: string; optional: boolean; constraint?: string }
  | { kind: 'catchAll'; name: string };

export function buildRouteTable(registrations: readonly Registration[], routePrefix: string): HttpRoute[] {
  const routes: HttpRoute[] = [];
  for (const registration of registrations) {
    const trigger = Object.values(registration.metadata.bindings).find((b) => b.type === 'httpTrigger');
    if (!trigger) continue;
    const route = (trigger.route ?? registration.metadata.name).replace(/^\/+|\/+$/g, '');
    const template = [routePrefix.replace(/^\/+|\/+$/g, ''), route].filter((s) => s.length > 0).join('/');
    const segments = parseTemplate(template);
    routes.push({
      functionName: registration.metadata.name,
      registration,
      methods: trigger.methods?.map((m) => m.toUpperCase()) ?? null,
      authLevel: (trigger.authLevel ?? 'function') as HttpRoute['authLevel'],
      template,
      match: (pathname) => matchSegments(segments, pathname),
      rank: segments.map((s) => (s.kind === 'literal' ? 0 : s.kind === 'param' ? 1 : 2)),
    });
  }
  return routes.sort((a, b) => compareRank(a.rank, b.rank));
}

function parseTemplate(template: string): Segment[] {
  if (template === '') return [];
  return template.split('/').map((part): Segment => {
    const param = /^\{(\*?)([A-Za-z_][A-Za-z0-9_]*)(\?)?(?::([^}]*))?\}$/.exec(part);
    if (!param) return { kind: 'literal', text: part.toLowerCase() };
    if (param[1] === '*') return { kind: 'catchAll', name: param[2]! };
    return { kind: 'param', name: param[2]!, optional: param[3] === '?', constraint: param[4] };
  });
}

function matchSegments(segments: Segment[], pathname: string): Record<string, string> | null {
  const parts = pathname.replace(/^\/+|\/+$/g, '').split('/').filter((p) => p.length > 0);
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i];
    if (segment.kind === 'catchAll') {
      params[segment.name] = parts.slice(i).map(decodeSegment).join('/');
      return params;
    }
    if (part === undefined) {
      if (segment.kind === 'param' && segment.optional && i === segments.length - 1) return params;
      return null;
    }
    if (segment.kind === 'literal') {
      if (decodeSegment(part).toLowerCase() !== segment.text) return null;
    } else {
      const value = decodeSegment(part);
      if (segment.constraint === 'int' && !/^-?\d+$/.test(value)) return null;
      params[segment.name] = value;
    }
  }
  return parts.length === segments.length ? params : null;
}

function decodeSegment(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 3) - (b[i] ?? 3);
    if (diff !== 0) return diff;
  }
  return 0;
}
