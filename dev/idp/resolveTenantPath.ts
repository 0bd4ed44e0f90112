import { findTenant, type DevTenant } from '../directory';

/** The `{tenant}` segment of an IdP path: one tenant, or a multi-tenant alias resolved per request. */
export type TenantPath = { kind: 'tenant'; tenant: DevTenant } | { kind: 'any'; name: 'common' | 'organizations' };

/** Accepts a tenant name or tid, or `common`/`organizations`; undefined for anything else (AADSTS90002). */
export function resolveTenantPath(segment: string): TenantPath | undefined {
  const lower = segment.toLowerCase();
  if (lower === 'common' || lower === 'organizations') return { kind: 'any', name: lower };
  const tenant = findTenant(lower);
  return tenant ? { kind: 'tenant', tenant } : undefined;
}
