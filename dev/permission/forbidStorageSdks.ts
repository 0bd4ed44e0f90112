import Module from 'node:module';

/** Packages that would let Ferry keep data: Azure Storage (blobs, queues, files), Tables, Cosmos DB. */
const forbidden = /^@azure\/(?:storage-[^/]+|data-tables|cosmos)(?:\/|$)/;

function refuse(specifier: string): never {
  throw new Error(`forbidStorageSdks: ${specifier} must not load: Ferry stores nothing (docs/security.md)`);
}

/**
 * `node --require dist/dev/permission/forbidStorageSdks.js ...`: makes loading any storage SDK throw,
 * through require() and import alike, for the permission-model run of the local host
 * (test/e2e/permissionModel.test.ts). Never part of the deployed app.
 */
export function forbidStorageSdks(): void {
  const hooks = (Module as unknown as { registerHooks?: (hooks: { resolve: (specifier: string, context: unknown, next: (s: string, c: unknown) => unknown) => unknown }) => void }).registerHooks;
  if (hooks) {
    hooks({ resolve: (specifier, context, next) => (forbidden.test(specifier) ? refuse(specifier) : next(specifier, context)) });
    return;
  }
  // Before module.registerHooks (Node < 22.15): require() only.
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: typeof load })._load = function guardedLoad(request: string, ...rest: unknown[]) {
    if (forbidden.test(request)) refuse(request);
    return load.call(this, request, ...rest);
  };
}

forbidStorageSdks();
