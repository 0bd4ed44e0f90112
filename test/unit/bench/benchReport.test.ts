import { parseBenchOptions } from '../../../bench/benchOptions';
import { parseServerTiming, selfTime, serverTimingRows, wallFloorRow } from '../../../bench/report/serverTimingRows';
import { packageRows } from '../../../bench/scenarios/coldStart';
import { fieldGroupBytes } from '../../../bench/report/fieldGroups';
import { renderTargets } from '../../../bench/report/renderReport';
import { ratios, row, skippedRow } from '../../../bench/report/rows';
import { encodeSimBody } from '../../../dev/graphSim/core/http/encodeSimBody';
import { gunzipSync } from 'node:zlib';

describe('bench options', () => {
  it('defaults to the issue link model: 100 ms RTT, 5 Mbit/s, 5 ms in region, 500 messages, 5 repeats', () => {
    expect(parseBenchOptions([])).toMatchObject({ rttInMs: 100, rateInMbitPerSecond: 5, regionRttInMs: 5, graphLatencyInMs: 0, messages: 500, repeats: 5, seed: 1, quick: false, strict: false });
  });

  it('--quick is one repeat, 100 messages, 10 ms RTT; explicit flags win', () => {
    expect(parseBenchOptions(['--quick'])).toMatchObject({ repeats: 1, messages: 100, rttInMs: 10 });
    expect(parseBenchOptions(['--quick', '--rtt', '40', '--repeats', '3'])).toMatchObject({ repeats: 3, messages: 100, rttInMs: 40 });
  });

  it('--only takes names or numbers; bad values are refused', () => {
    expect(parseBenchOptions(['--only', 'initial,4']).only).toEqual(['initial', 'incremental']);
    expect(() => parseBenchOptions(['--only', 'nope'])).toThrow(RangeError);
    expect(() => parseBenchOptions(['--rate=-1'])).toThrow(RangeError);
    expect(() => parseBenchOptions(['--repeats', '2.5'])).toThrow(RangeError);
    expect(() => parseBenchOptions(['--unknown'])).toThrow();
  });
});

describe('rows and verdicts', () => {
  it('judges the median of the repeats against the target', () => {
    expect(row('a', [0.5, 0.1, 0.2], 0.3)).toMatchObject({ value: 0.2, min: 0.1, max: 0.5, runs: 3, verdict: 'PASS' });
    expect(row('a', [0.5, 0.4, 0.2], 0.3)).toMatchObject({ value: 0.4, verdict: 'MISS' });
    expect(row('a', [1, 2, 3, 4], null)).toMatchObject({ value: 2.5, target: null });
    expect(row('a', [1], null).verdict).toBeUndefined();
    expect(row('a', [], 1).verdict).toBe('MISS');
  });

  it('pairs ratios repeat by repeat', () => {
    expect(ratios([10, 20], [100, 50])).toEqual([0.1, 0.4]);
  });

  it('prints one line per target with its verdict, SKIP naming the command it needs', () => {
    const text = renderTargets([row('x.bytes.a/b', [0.25], 0.3), skippedRow('bulk.requests', 0.2, 'mail/update')]);
    const [header, first, second] = text.split('\n');
    expect(header).toMatch(/^figure\s+median\s+min–max\s+target\s+verdict$/);
    expect(first).toMatch(/^x\.bytes\.a\/b\s+0\.250\s+0\.250–0\.250\s+<= 0\.3\s+PASS$/);
    expect(second).toMatch(/SKIP \(needs mail\/update\)$/);
  });
});

describe('bytes by field group', () => {
  it('accounts for every byte of the JSON: values by group, the rest as keys', () => {
    const answer = {
      state: 'S'.repeat(40),
      more: false,
      upserts: [{ id: 'I'.repeat(10), folderId: 'F'.repeat(10), from: { name: 'Zoë', address: 'z@x' }, subject: 'Hi', preview: 'P'.repeat(20), body: { type: 'text', content: 'B'.repeat(30), truncated: true } }],
      removed: ['R'.repeat(5)],
    };
    const groups = fieldGroupBytes(answer);
    const total = Object.values(groups).reduce((a, b) => a + b, 0);
    expect(total).toBe(Buffer.byteLength(JSON.stringify(answer)));
    expect(groups.ids).toBe(12 + 12 + 7);
    expect(groups.state).toBe(42 + 5);
    expect(groups.preview).toBe(22);
    expect(groups.body).toBe(6 + 32 + 4);
    expect(groups.names).toBe(Buffer.byteLength('"Zoë"') + 5);
    expect(groups.other).toBe(4);
  });
});

describe('simulator compression', () => {
  const payload = Buffer.from(JSON.stringify({ value: Array.from({ length: 50 }, (_, i) => ({ id: i, subject: 'Quarterly numbers' })) }));

  it('gzips only when asked', () => {
    expect(encodeSimBody(payload, undefined)).toEqual({ body: payload, headers: { Vary: 'Accept-Encoding' } });
    expect(encodeSimBody(payload, 'identity').body).toBe(payload);
    expect(encodeSimBody(payload, 'gzip;q=0').body).toBe(payload);
    const gzipped = encodeSimBody(payload, 'gzip, deflate, br');
    expect(gzipped.headers['Content-Encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).equals(payload)).toBe(true);
  });

  it('leaves tiny bodies alone', () => {
    const tiny = Buffer.from('{"value":[]}');
    expect(encodeSimBody(tiny, 'gzip').body).toBe(tiny);
  });
});

describe('Server-Timing in the bench', () => {
  it('reads Ferry\'s header, absent entries as 0, and refuses anything else', () => {
    expect(parseServerTiming('total;dur=12.5, graph;dur=10.0, compress;dur=0.8')).toEqual({ total: 12.5, graph: 10, auth: 0, compress: 0.8 });
    expect(parseServerTiming(undefined)).toBeUndefined();
    expect(parseServerTiming('total;dur=1.0')).toBeUndefined();
    expect(parseServerTiming('total;dur=1.0, graph;desc="x"')).toBeUndefined();
    expect(selfTime({ total: 12.5, graph: 10, auth: 0.5, compress: 0.8 })).toBeCloseTo(1.2);
  });

  it('prints p50s per repeat and the floor (direct + region RTT) / direct', () => {
    const entry = (total: number, graph: number) => ({ total, graph, auth: 0, compress: 1 });
    const rows = serverTimingRows('x', [[entry(10, 6), entry(20, 10), entry(30, 20)], []]);
    expect(rows.map((r) => [r.name, r.value, r.runs])).toEqual([
      ['x.server-timing.total-ms.ferry-br', 20, 1],
      ['x.server-timing.graph-ms.ferry-br', 10, 1],
      ['x.server-timing.auth-ms.ferry-br', 0, 1],
      ['x.server-timing.compress-ms.ferry-br', 1, 1],
      ['x.server-timing.self-ms.ferry-br', 9, 1],
    ]);
    expect(wallFloorRow('x.floor', [100, 125], 5).value).toBeCloseTo((1.05 + 1.04) / 2);
  });

  it('names each package chunk with its size and loader, and main.js\'s ten largest inputs', () => {
    const inputs = Array.from({ length: 12 }, (_, i) => ({ input: `node_modules/p${i}/index.js`, bytes: (12 - i) * 1024 }));
    const rows = packageRows([
      { file: 'main.js', bytes: 2048, loader: 'functions worker', inputs },
      { file: 'lazy/identity.js', bytes: 1024, loader: '@azure/identity', inputs: [] },
    ]);
    expect(rows.slice(0, 2).map((r) => [r.name, r.value, r.unit])).toEqual([
      ['cold-start.chunk-kb.main.js', 2, 'KB, loaded by functions worker'],
      ['cold-start.chunk-kb.lazy/identity.js', 1, 'KB, loaded by @azure/identity'],
    ]);
    expect(rows.slice(2).map((r) => r.name)).toEqual(inputs.slice(0, 10).map((i) => `cold-start.main-input-kb.${i.input.slice('node_modules/'.length)}`));
  });
});
