import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultLayer } from './createFaultLayer';
import type { FaultProfileInput } from './faultProfile';
import type { LatencySchedule, LatencySchedules } from '../latencySchedule';
import { closeServer, listen } from '../../../serverLifecycle';
import { readBoundedBody } from '../http/readBoundedBody';

export interface AdminListener {
  /** e.g. `http://127.0.0.1:7074`; the endpoints are under `/_sim/`. */
  url: string;
  close(): Promise<void>;
}

export interface AdminListenerOptions {
  /** 0 picks a free port. */
  port: number;
  faults: FaultLayer;
  /** The latency schedules `/_sim/latency` reads and replaces. */
  latency: LatencySchedules;
  /** The simulator's own request counts, reported beside the fault counts. */
  graphStats(): unknown;
  resetGraphStats(): void;
}

const maxBodyInBytes = 64 * 1024;

/**
 * The simulator's control port, on loopback only (127.0.0.1 and ::1, never a wildcard address):
 * `GET|PUT /_sim/faults` reads or replaces the fault profile (`"chaos"`, `"off"`, or fields over the
 * chaos defaults), `GET|PUT /_sim/latency` reads or replaces the latency schedules (a schedule, a list
 * of them, or `null` for none; GET shows each with `taken`), `GET /_sim/stats` reports `{graph, faults}` (faults by kind, attempts per
 * client-request-id), `DELETE /_sim/stats` zeroes both. Kept off the Graph port so nothing that speaks
 * Graph to the simulator can reach it by a path.
 */
export async function startAdminListener(options: AdminListenerOptions): Promise<AdminListener> {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, options).then(
      ({ status, body }) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        res.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) });
        res.end(payload);
      },
      () => res.destroy(),
    );
  };
  const primary = createServer(listener);
  await listen(primary, options.port, '127.0.0.1');
  const port = (primary.address() as AddressInfo).port;
  const servers = [primary];
  const secondary = createServer(listener);
  if (await listen(secondary, port, '::1').then(() => true, () => false)) servers.push(secondary);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      Promise.all(servers.map(closeServer)).then(() => undefined),
  };
}

async function handle(req: IncomingMessage, options: AdminListenerOptions): Promise<{ status: number; body?: unknown }> {
  const path = new URL(req.url ?? '/', 'http://admin.invalid').pathname;
  const method = req.method ?? 'GET';
  if (path === '/_sim/faults') {
    if (method === 'GET') return { status: 200, body: options.faults.profile };
    if (method !== 'PUT') return { status: 405, body: { error: 'GET or PUT' } };
    let input: unknown;
    try {
      input = JSON.parse((await readBoundedBody(req, maxBodyInBytes, () => new RangeError('body too large'))).toString('utf8'));
    } catch {
      return { status: 400, body: { error: 'the body must be JSON: "chaos", "off" or a fault profile object' } };
    }
    try {
      return { status: 200, body: options.faults.setProfile(input as FaultProfileInput) };
    } catch (error) {
      return { status: 400, body: { error: error instanceof RangeError ? error.message : 'invalid profile' } };
    }
  }
  if (path === '/_sim/latency') {
    if (method === 'GET') return { status: 200, body: options.latency.snapshot() };
    if (method !== 'PUT') return { status: 405, body: { error: 'GET or PUT' } };
    let input: unknown;
    try {
      input = JSON.parse((await readBoundedBody(req, maxBodyInBytes, () => new RangeError('body too large'))).toString('utf8'));
    } catch {
      return { status: 400, body: { error: 'the body must be JSON: a latency schedule, a list of them, or null' } };
    }
    try {
      options.latency.replace(input as LatencySchedule | LatencySchedule[] | null);
      return { status: 200, body: options.latency.snapshot() };
    } catch (error) {
      return { status: 400, body: { error: error instanceof RangeError ? error.message : 'invalid latency schedule' } };
    }
  }
  if (path === '/_sim/stats') {
    if (method === 'GET') return { status: 200, body: { graph: options.graphStats(), faults: options.faults.stats.snapshot() } };
    if (method === 'DELETE') {
      options.faults.stats.reset();
      options.resetGraphStats();
      return { status: 204 };
    }
    return { status: 405, body: { error: 'GET or DELETE' } };
  }
  return { status: 404, body: { error: 'not found' } };
}
