/**
 * Where the local stack keeps what must survive restarts (certificates, the dev IdP's signing key).
 * `FERRY_DEV_DIR` overrides it; the default is relative to the working directory, which the npm scripts
 * set to the repository root.
 */
export function ferryDevDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.FERRY_DEV_DIR ?? '.ferry-dev';
}
