/** The parts of the repository's package.json the deployed one keeps. */
interface RootManifest {
  name?: string;
  version?: string;
  description?: string;
  license?: string;
  engines?: Record<string, string>;
}

/**
 * package.json of the deployed package: name, version, `main: main.js` (the worker loads it like the
 * repository's `main`), engines; no dependencies (everything is in main.js) and no scripts, so neither
 * the platform nor `azd` installs or builds anything. Pure.
 */
export function packageManifest(root: RootManifest): Record<string, unknown> {
  return {
    name: root.name,
    version: root.version,
    ...(root.description ? { description: root.description } : {}),
    ...(root.license ? { license: root.license } : {}),
    private: true,
    main: 'main.js',
    ...(root.engines ? { engines: root.engines } : {}),
  };
}
