import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '../..');

/**
 * `npm run bench -- --quick` as npm test can run it: the build is npm test's own, so this runs the
 * compiled bench (dist/bench/main.js) with the same flags. One repeat, 100 messages, 10 ms RTT,
 * within 60 s. No verdict is asserted (CI machines are noisy): only that every row has one, that the
 * results file has its fields, and that nothing the bench started is left running.
 */
describe('npm run bench -- --quick', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-bench-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a verdict on every row, writes results.json, and stops its stack, within 60 s', async () => {
    const out = path.join(dir, 'results.json');
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('FERRY_')));
    const started = Date.now();
    const child = spawn(process.execPath, ['dist/bench/main.js', '--quick', '--out', out, '--logs', path.join(dir, 'logs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGTERM'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    clearTimeout(killer);
    const seconds = (Date.now() - started) / 1000;
    if (code !== 0) throw new Error(`bench exited ${code} after ${seconds} s:\n${stderr}\n${stdout}`);
    expect(seconds).toBeLessThan(60);

    // The table: from its header to the first blank line, every row ends in a verdict.
    const lines = stdout.split('\n');
    const header = lines.findIndex((l) => /^figure\s+median\s+min–max\s+target\s+verdict$/.test(l));
    expect(header).toBeGreaterThan(0);
    const end = lines.indexOf('', header);
    const rows = lines.slice(header + 1, end);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const row of rows) expect(row).toMatch(/ (PASS|MISS|SKIP \(needs [^)]+\))$/);
    // mail/update exists: the bulk-flag target is measured, not skipped.
    expect(rows.some((r) => r.startsWith('bulk-flag.requests.ferry/direct') && / (PASS|MISS)$/.test(r))).toBe(true);
    // Those words appear nowhere else: not in the corpus lines, the printed figures, or the progress lines.
    const elsewhere = [...lines.slice(0, header), ...lines.slice(end), ...stderr.split('\n')].join('\n');
    expect(elsewhere).not.toMatch(/PASS|MISS|SKIP/);
    expect(lines[0]).toMatch(/10 ms RTT, 5 Mbit\/s/);
    expect(lines.find((l) => l.startsWith('corpus, bench folder'))).toMatch(/100 messages; text length \(UTF-16 units\) p10 \d+, p50 \d+, p90 \d+, p99 \d+, mean \d+; HTML \d+%/);

    const results = JSON.parse(readFileSync(out, 'utf8'));
    expect(results).toMatchObject({
      node: process.version,
      cpu: expect.any(String),
      cores: expect.any(Number),
      commit: { sha: expect.anything(), dirty: expect.any(Boolean) },
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      parameters: { quick: true, repeats: 1, messages: 100, rttInMs: 10, rateInMbitPerSecond: 5, regionRttInMs: 5, graphLatencyInMs: 0, seed: 1 },
      corpus: {
        benchFolder: { count: 100, textLength: { p10: expect.any(Number), p50: expect.any(Number), p90: expect.any(Number), p99: expect.any(Number), mean: expect.any(Number) }, htmlShare: expect.any(Number), medianGzipRatio: expect.any(Number) },
        demoInbox: { count: expect.any(Number) },
      },
    });
    expect(results.targets).toHaveLength(rows.length);
    for (const target of results.targets) {
      expect(Object.keys(target).sort()).toEqual(['max', 'min', 'name', 'runs', 'target', 'value', 'verdict']);
      expect(target.verdict).toMatch(/^(PASS|MISS|SKIP \(needs [^)]+\))$/);
    }
    const names = results.targets.map((t: { name: string }) => t.name);
    for (const name of ['initial.bytes.ferry-raw/direct-raw', 'initial.bytes.ferry-br/direct-raw', 'initial.bytes.ferry-br/direct-gzip', 'initial.round-trips.ferry/direct', 'initial.graph-calls.ferry/direct', 'initial.wall.ferry-br/direct-raw', 'initial.wall.ferry-br/direct-gzip', 'lean.bytes.ferry-raw/direct-raw', 'first-screen.wall.ferry-br/direct-raw', 'incremental.bytes.ferry-br/direct-gzip', 'demo-inbox.round-trips.ferry/direct', 'total.seconds']) {
      expect(names).toContain(name);
    }
    expect(existsSync(path.join(dir, 'logs', 'functions-host.log'))).toBe(true);

    // Nothing it started still listens.
    const urls = /host (\S+), graph (\S+), idp (\S+) \(/.exec(stderr);
    expect(urls).not.toBeNull();
    for (const url of urls!.slice(1)) expect(await accepts(new URL(url))).toBe(false);
  }, 75_000);
});

function accepts(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
