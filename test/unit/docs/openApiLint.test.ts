import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deviceCommands } from '../../../shared/commands/deviceCommands';
import { buildOpenApiDocument } from '../../../shared/protocol/buildOpenApiDocument';
import { ferryVersion } from '../../../shared/version';

const root = path.join(__dirname, '../../..');
const redoclyCli = path.join(root, 'node_modules/@redocly/cli/bin/cli.js');

interface LintProblem {
  ruleId: string;
  severity: string;
  location: Array<{ pointer: string }>;
}

/**
 * Redocly's findings on `document` with the repository's redocly.yaml (the rules app developers lint
 * with), offline: no telemetry, no update check. The same check `npm run lint:openapi` makes on the
 * committed docs/openapi.json, here on what the generator makes now, so a generator change that breaks
 * a rule fails before anyone runs `npm run docs` (generatedDocs.test.ts fails on a stale file).
 */
function lint(document: unknown): { exitCode: number | null; problems: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ferry-openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document, null, 2));
    const run = spawnSync(process.execPath, [redoclyCli, 'lint', file, '--config', path.join(root, 'redocly.yaml'), '--format=json'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      timeout: 60_000,
    });
    const json = run.stdout.slice(run.stdout.indexOf('{'));
    const { problems } = JSON.parse(json) as { problems: LintProblem[] };
    return { exitCode: run.status, problems: problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}`) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('docs/openapi.json under Redocly\'s recommended rules', () => {
  const document = buildOpenApiDocument(deviceCommands, ferryVersion) as { servers: Array<{ url: string; variables?: Record<string, { default: string }> }> };

  it('the generated document has no finding', () => {
    expect(lint(document)).toEqual({ exitCode: 0, problems: [] });
  }, 60_000);

  it('names the local stack and a deployment as servers', () => {
    expect(document.servers.map((server) => server.url)).toEqual(['http://localhost:7071/api', 'https://{host}/api']);
    expect(document.servers[1]!.variables?.host?.default).toMatch(/\.invalid$/);
  });

  it('fails a document without servers (the check above can fail)', () => {
    const { servers: _servers, ...withoutServers } = document;
    const { exitCode, problems } = lint(withoutServers);
    expect(exitCode).not.toBe(0);
    expect(problems).toContain('error no-empty-servers at #/openapi');
  }, 60_000);
});
