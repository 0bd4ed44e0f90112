import { execFile } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { createGraphSimulator, type GraphSimulator } from '../../dev/graphSim/createGraphSimulator';
import { createIdentityProvider, type IdentityProvider } from '../../dev/idp/createIdentityProvider';
import { devAuthEnv } from '../../dev/idp/devAuthEnv';
import { createIngestionStandIn, type IngestedEnvelope, type IngestionStandIn } from '../../dev/ingestion/createIngestionStandIn';
import { createManagedIdentityEndpoint, type ManagedIdentityEndpoint } from '../../dev/managedIdentity/createManagedIdentityEndpoint';
import { devManagedIdentity } from '../../dev/managedIdentity/devManagedIdentity';
import { buildPackage, maxPackageBytes } from '../../dev/package/buildPackage';
import { lazyChunks } from '../../dev/package/lazyChunks';
import { generateStateKeysValue } from '../../shared/secrets/generateStateKeysValue';
import { deviceToken } from '../helpers/devIdp';
import { startEgressGuard, type EgressGuard } from '../helpers/egressGuard';
import { markPackageLoadsPlugin } from '../helpers/markPackageLoadsPlugin';
import { spawnHost, type SpawnedHost } from '../helpers/spawnHost';
import { findTelemetryLeaks } from '../helpers/telemetryLeaks';

const run = promisify(execFile);
const root = path.join(__dirname, '../..');
const upn = 'alice@contoso.test';

/**
 * The production package as it is deployed: `npm run package`'s program writes out/package and
 * ferry.zip (here into a temporary directory), the zip is unpacked outside the repository (no
 * node_modules anywhere above it) and the compiled local host runs it in its own process, against
 * the dev IdP and Graph simulator, with and without telemetry.
 */
describe('production package', () => {
  let work: string;
  let appDir: string;
  let idp: IdentityProvider;
  let sim: GraphSimulator;
  const rootManifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'ferry-package-'));
    const { stdout } = await run(process.execPath, ['dist/dev/package/main.js', '--out', path.join(work, 'out')], { cwd: root });
    expect(stdout).toMatch(/ferry\.zip/);
    appDir = path.join(work, 'app');
    await unzip(path.join(work, 'out', 'ferry.zip'), appDir);
    idp = await createIdentityProvider({ port: 0 });
    sim = await createGraphSimulator({ port: 0, idpUrl: idp.url, deliveryDelayInMs: 20 });
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
    await idp?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Ferry's settings for the local stack, on top of an environment with none of Ferry's or App Insights' own. */
  function stackEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(FERRY_|APPLICATIONINSIGHTS_|OTEL_)/.test(key)));
    // The npm scripts set the dev CA relative to the repository; the host runs elsewhere.
    const extraCerts = path.resolve(root, process.env.NODE_EXTRA_CA_CERTS ?? '.ferry-dev/ca.pem');
    return { ...clean, NODE_EXTRA_CA_CERTS: extraCerts, ...devAuthEnv(idp.url), FERRY_GRAPH_URL: sim.url, FERRY_STATE_KEYS: generateStateKeysValue('pkg1'), ...extra };
  }

  async function call(host: SpawnedHost, command: string, body: unknown, token: string) {
    const response = await fetch(`${host.url}/api/v1/${command}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  const chunkFiles = Object.values(lazyChunks).map((file) => `lazy/${file}`);

  it('holds main.js (at most 1.5 MB), host.json, a dependency-free package.json and the lazy chunks, under 5 MB', () => {
    const out = path.join(work, 'out', 'package');
    for (const name of ['main.js', 'host.json', 'package.json', ...chunkFiles]) {
      expect(readFileSync(path.join(appDir, name))).toEqual(readFileSync(path.join(out, name)));
    }
    const manifest = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'ferry', version: rootManifest.version, main: 'main.js' });
    for (const key of ['dependencies', 'devDependencies', 'scripts']) expect(manifest[key]).toBeUndefined();
    expect(JSON.parse(readFileSync(path.join(appDir, 'host.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(path.join(root, 'host.json'), 'utf8')));
    const unpacked = ['main.js', 'host.json', 'package.json', ...chunkFiles].reduce((sum, name) => sum + statSync(path.join(appDir, name)).size, 0);
    expect(unpacked).toBeLessThan(maxPackageBytes);
    expect(statSync(path.join(appDir, 'main.js')).size).toBeLessThanOrEqual(1.5 * 1024 * 1024);
    expect(statSync(path.join(work, 'out', 'ferry.zip')).size).toBeLessThan(maxPackageBytes);
    const main = readFileSync(path.join(appDir, 'main.js'), 'utf8');
    expect(main).toMatch(/require\("@azure\/functions-core"\)/);
    expect(main).toMatch(/Bundled license information/);
    expect(main).not.toMatch(/graphSim|dev\/idp|local\.settings/);
  });

  it('registers the same functions as the TypeScript build', async () => {
    const probe = path.join(root, 'test/helpers/routeProbe.js');
    const [fromPackage, fromBuild] = await Promise.all([run(process.execPath, [probe, appDir]), run(process.execPath, [probe, root])]);
    const routes = JSON.parse(fromPackage.stdout) as Array<{ name: string }>;
    expect(routes.map((r) => r.name)).toEqual(expect.arrayContaining(['foldersSync', 'health', 'mailGet', 'mailSync']));
    expect(routes).toEqual(JSON.parse(fromBuild.stdout));
  });

  it('serves health, folders/sync, mail/sync and calendar/sync from the unpacked zip', async () => {
    const host = await spawnHost(appDir, stackEnv());
    try {
      const health = await fetch(`${host.url}/api/health`);
      expect(await health.json()).toEqual({ status: 'ok', version: rootManifest.version });
      const token = await deviceToken(idp, upn);
      const folders = await call(host, 'folders/sync', {}, token);
      expect(folders.status).toBe(200);
      const inbox = folders.body.upserts.find((f: { kind: string }) => f.kind === 'inbox');
      const mail = await call(host, 'mail/sync', { folderId: inbox.id, window: 5 }, token);
      expect(mail.status).toBe(200);
      expect(mail.body.upserts).toHaveLength(5);
      expect(mail.body.more).toBe(true);
      const next = await call(host, 'mail/sync', { folderId: inbox.id, window: 5, state: mail.body.state }, token);
      expect(next.status).toBe(200);
      expect(next.body.upserts.map((m: { id: string }) => m.id)).not.toEqual(expect.arrayContaining(mail.body.upserts.map((m: { id: string }) => m.id)));
      // Zone names need luxon and windows-iana, each a lazy chunk of the package.
      const calendar = await call(host, 'calendar/sync', { start: '2026-01-01T00:00:00Z', end: '2026-12-31T00:00:00Z', timeZone: 'Europe/Berlin', window: 5 }, token);
      expect(calendar.status).toBe(200);
      expect(Array.isArray(calendar.body.upserts)).toBe(true);
    } finally {
      await host.stop();
    }
  });

  const markedPackages = ['@azure/identity', '@azure/keyvault-secrets', '@azure/monitor-opentelemetry'] as const;
  let markedDir: string | undefined;
  /** The package built with a marker at the top of each of the three packages' entry files (built once). */
  async function markedPackage(): Promise<string> {
    if (markedDir) return markedDir;
    const marked = markPackageLoadsPlugin(markedPackages);
    const result = await buildPackage({ rootDir: root, outDir: path.join(work, 'marked'), plugins: [marked.plugin] });
    // The markers are in the package, so their absence below means "not evaluated", not "not there".
    expect(Object.values(marked.hits).every((count) => count > 0)).toBe(true);
    // ... in their lazy chunks, not in main.js.
    const marker = (name: string) => `.push(${JSON.stringify(name)})`;
    const main = readFileSync(path.join(result.packageDir, 'main.js'), 'utf8');
    for (const name of markedPackages) {
      expect(main).not.toContain(marker(name));
      expect(readFileSync(path.join(result.packageDir, 'lazy', lazyChunks[name]), 'utf8')).toContain(marker(name));
    }
    return (markedDir = result.packageDir);
  }

  it('loads no identity, Key Vault or telemetry code and makes no network call at import', async () => {
    const packageDir = await markedPackage();
    const { stdout } = await run(process.execPath, [path.join(root, 'test/helpers/importProbe.js'), path.join(packageDir, 'main.js')], {
      env: { ...stackEnv(), APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://127.0.0.1:9/' },
    });
    const report = JSON.parse(stdout) as { network: string[]; builtins: string[]; loaded: string[] };
    expect(report.network).toEqual([]);
    expect(report.loaded).toEqual([]);
    // @azure/identity requires child_process at load time; nothing else Ferry bundles does.
    expect(report.builtins).not.toContain('child_process');
  }, 60_000);

  it('the import probe fails a module that opens a socket at import', async () => {
    const { stdout } = await run(process.execPath, [path.join(root, 'test/helpers/importProbe.js'), path.join(root, 'test/fixtures/importProbe/socketAtImport.js')]);
    expect((JSON.parse(stdout) as { network: string[] }).network).toEqual(['socket.connect']);
  });

  it('requires each lazy chunk on its first use: telemetry at the first command, then the identity SDK and Key Vault', async () => {
    const packageDir = await markedPackage();
    const { stdout } = await run(process.execPath, [path.join(root, 'test/helpers/firstUseProbe.js'), packageDir, 'folders/sync'], {
      env: {
        ...stackEnv(),
        FERRY_PROBE_TOKEN: await deviceToken(idp, upn),
        // Nothing listens at either: the first command loads what it needs, then fails fast (503).
        APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://127.0.0.1:9/',
        FERRY_KEY_VAULT_URL: 'https://127.0.0.1:9/',
        FERRY_GRAPH_WAIT_BUDGET_MS: '1000',
        IDENTITY_ENDPOINT: 'http://127.0.0.1:9/msi/token',
        IDENTITY_HEADER: 'probe',
      },
    });
    const report = JSON.parse(stdout) as { atImport: { loaded: string[]; chunks: string[] }; afterFirstUse: { loaded: string[]; chunks: string[] }; status: number };
    expect(report.atImport).toEqual({ loaded: [], chunks: [] });
    expect(report.afterFirstUse.loaded).toEqual([...markedPackages].sort());
    expect(report.afterFirstUse.chunks).toEqual(expect.arrayContaining(['identity.js', 'keyvault-secrets.js', 'monitor-opentelemetry.js']));
    expect(report.status).toBe(503);
  }, 60_000);

  describe('with telemetry to an Application Insights resource with local auth off', () => {
    let ingestion: IngestionStandIn;
    let identity: ManagedIdentityEndpoint;
    let guard: EgressGuard;

    beforeAll(async () => {
      ingestion = await createIngestionStandIn({ requireBearer: true });
      identity = await createManagedIdentityEndpoint({ idpUrl: idp.url });
      guard = await startEgressGuard();
    });
    afterAll(async () => {
      await ingestion?.close();
      await identity?.close();
      await guard?.close();
    });

    it('traces Graph calls by templated URL, counts commands, and sends nothing of the mailbox or the tokens', async () => {
      const host = await spawnHost(
        appDir,
        stackEnv({
          ...guard.env,
          ...identity.env,
          APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
          APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `ClientId=${devManagedIdentity.clientId};Authorization=AAD`,
          AZURE_CLIENT_ID: devManagedIdentity.clientId,
          WEBSITE_SITE_NAME: 'ferry-test',
          WEBSITE_SKU: 'FlexConsumption',
          APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
          APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
          // Export within the test's time instead of every 5 s / 60 s.
          OTEL_BSP_SCHEDULE_DELAY: '200',
          OTEL_METRIC_EXPORT_INTERVAL: '1000',
        }),
      );
      const secrets: string[] = [];
      try {
        const token = await deviceToken(idp, upn);
        secrets.push(token);
        const folders = await call(host, 'folders/sync', {}, token);
        expect(folders.status).toBe(200);
        const inbox = folders.body.upserts.find((f: { kind: string }) => f.kind === 'inbox');
        secrets.push(folders.body.state, ...folders.body.upserts.map((f: { id: string }) => f.id));
        // Two mail/sync commands: the second must be traced as fully as the first.
        let state: string | undefined;
        for (let i = 0; i < 2; i++) {
          const mail = await call(host, 'mail/sync', { folderId: inbox.id, window: 5, ...(state ? { state } : {}) }, token);
          expect(mail.status).toBe(200);
          state = mail.body.state;
          secrets.push(mail.body.state, ...mail.body.upserts.map((m: { id: string }) => m.id));
        }

        const graphDependency = (envelopes: IngestedEnvelope[], name: string) => envelopes.filter((e) => dependency(e)?.name === name);
        await ingestion.waitFor(
          (envelopes) =>
            graphDependency(envelopes, 'ferry mail/sync').length === 2 &&
            envelopes.filter((e) => /^GET \/v1\.0\/me\/mailFolders(\/:id|\(:id\))\/messages\/delta$/i.test(String(dependency(e)?.name))).length >= 2 &&
            metricNames(envelopes).has('ferry.graph.requests'),
          30_000,
        );
        const envelopes = ingestion.envelopes();
        const graphCalls = envelopes.map(dependency).filter((d) => d && String(d.data ?? '').startsWith(sim.url));
        expect(graphCalls.length).toBeGreaterThanOrEqual(4);
        for (const call of graphCalls) expect(String(call!.data)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0(\/(me|\$batch|mailFolders|mailFolders\(:id\)|messages|delta|:id))*$/i);
        for (const command of graphDependency(envelopes, 'ferry mail/sync')) {
          expect(Number((command.data!.baseData!.properties as Record<string, string>)['ferry.graph.calls'])).toBeGreaterThanOrEqual(1);
        }
        for (const metric of ['ferry.command.duration', 'ferry.cold_starts', 'ferry.state.size', 'ferry.graph.requests']) expect(metricNames(envelopes)).toContain(metric);
        // Entra ID ingestion: every post carried a managed identity token for Azure Monitor, and none of it is in the telemetry.
        expect(ingestion.posts.every((post) => /^Bearer \S+$/.test(post.authorization ?? ''))).toBe(true);
        expect(Object.keys(identity.counters.tokens).some((resource) => resource.includes('monitor.azure.com'))).toBe(true);
        secrets.push(...ingestion.posts.map((post) => post.authorization!.slice('Bearer '.length)));
        expect(findTelemetryLeaks(ingestion.posts.map((post) => post.bodyText), sim, secrets)).toEqual([]);
        expect(guard.attempts.filter((host) => host !== 'settings.sdk.monitor.azure.com')).toEqual([]);
      } finally {
        await host.stop();
      }
    }, 60_000);
  });
});

function dependency(envelope: IngestedEnvelope): { name?: unknown; data?: unknown; properties?: unknown } | undefined {
  return envelope.data?.baseType === 'RemoteDependencyData' ? (envelope.data.baseData as { name?: unknown; data?: unknown }) : undefined;
}

function metricNames(envelopes: IngestedEnvelope[]): Set<string> {
  const names = new Set<string>();
  for (const envelope of envelopes) {
    if (envelope.data?.baseType !== 'MetricData') continue;
    for (const metric of (envelope.data.baseData?.metrics as Array<{ name: string }> | undefined) ?? []) names.add(metric.name);
  }
  return names;
}

/** Unpacks a zip with yauzl, refusing entries that would land outside `dir`. */
async function unzip(zipPath: string, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const zip = await promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open)(zipPath, { lazyEntries: true });
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      const target = path.resolve(dir, entry.fileName);
      if (!target.startsWith(dir + path.sep)) return reject(new Error('zip entry outside the target'));
      names.push(entry.fileName);
      mkdirSync(path.dirname(target), { recursive: true });
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error ?? new Error('no stream'));
        pipeline(stream, createWriteStream(target)).then(() => zip.readEntry(), reject);
      });
    });
    zip.readEntry();
  });
  expect(names).toEqual(['main.js', 'host.json', 'package.json', ...Object.values(lazyChunks).map((file) => `lazy/${file}`)]);
}
