import { readFileSync } from 'node:fs';
import path from 'node:path';

const hostJson = JSON.parse(readFileSync(path.join(__dirname, '../../../host.json'), 'utf8'));

/** host.json is deployed as is (it is one of the three files of the package). */
describe('host.json', () => {
  it('sets an explicit function timeout, long enough for a sync answer and short of the HTTP limit', () => {
    expect(hostJson.functionTimeout).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    const [h, m, s] = (hostJson.functionTimeout as string).split(':').map(Number);
    const seconds = h! * 3600 + m! * 60 + s!;
    // FERRY_SYNC_BUDGET_MS defaults to 20 s; Azure's load balancer ends an HTTP request at 230 s.
    expect(seconds).toBeGreaterThanOrEqual(30);
    expect(seconds).toBeLessThan(230);
  });

  it('never samples away requests', () => {
    const sampling = hostJson.logging.applicationInsights.samplingSettings;
    expect(sampling.isEnabled).toBe(true);
    expect(String(sampling.excludedTypes).split(';')).toContain('Request');
  });

  it('logs only content-free categories at Information: requests, aggregates and Ferry\'s own log-safe lines', () => {
    const levels = hostJson.logging.logLevel as Record<string, string>;
    expect(levels.default).toBe('Warning');
    const verbose = Object.entries(levels).filter(([, level]) => ['Trace', 'Debug', 'Information'].includes(level)).map(([category]) => category);
    expect(verbose.sort()).toEqual(['Function', 'Host.Aggregator', 'Host.Results']);
  });

  it('routes the device API under /api', () => {
    expect(hostJson.extensions.http.routePrefix).toBe('api');
  });
});
