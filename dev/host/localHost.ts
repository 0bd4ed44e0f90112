import http from 'node:http';
import https from 'node:https';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import { installFunctionsCore } from './installFunctionsCore';
import { getRegistrations, setSystemLogSink } from './functionsCore';
import { resolveFunctionFiles } from './resolveFunctionFiles';
import { buildRouteTable, type HttpRoute } from './routeTable';
import { invokeHttpFunction } from './invokeHttpFunction';
import { requestBody } from './requestBody';
import { closeServer, listen } from '../serverLifecycle';

export interface LocalHostOptions {
  /** Folder holding host.json, package.json and local.settings.json. */
  rootDir: string;
  port?: number;
  host?: string;
  /** Function entry files or globs; default package.json `main`, as the Node worker reads it. */
  functionFiles?: string[];
  /** Key accepted for `function`/`admin` auth levels (`x-functions-key` header or `code` query). */
  functionKey?: string;
  /** TLS: serve HTTPS with this key and certificate. */
  tls?: { key: string; cert: string };
  /** Where invocation and system logs go (one line each). */
  logSink?: (line: string) => void;
}

export interface LocalHost {
  url: string;
  routes: HttpRoute[];
  functionKey: string;
  close(): Promise<void>;
}

/**
 * A small stand-in for the Azure Functions host: loads the function files the way the Node worker
 * does (with `@azure/functions-core` provided), then serves every `app.http` registration under the
 * routePrefix from host.json, with route templates, methods and auth levels. Requests reach handlers
 * as real `HttpRequest` / `InvocationContext` objects; bodies stream both ways.
 */
export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const logSink = options.logSink ?? ((line: string) => process.stdout.write(line + '\n'));
  applyLocalSettings(options.rootDir);
  installFunctionsCore();
  setSystemLogSink((level, category, message) => logSink(`[${level}] ${category}: ${message}`));
  for (const file of options.functionFiles ?? mainGlobs(options.rootDir)) {
    for (const resolved of resolveFunctionFiles(options.rootDir, file)) require(resolved);
  }
  const routes = buildRouteTable(getRegistrations(), readRoutePrefix(options.rootDir));
  const functionKey = options.functionKey ?? randomUUID().replace(/-/g, '');

  const listener: http.RequestListener = (req, res) => {
    handle(req, res, routes, functionKey, logSink).catch((error: unknown) => {
      logSink(`[error] host: ${error instanceof Error ? error.constructor.name : 'unknown'} while serving a request`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
  // Kestrel's (the Functions host's) 32 KB of request headers, not Node's 16 KB: an upload's `Ferry-Upload` alone may take 16 KB.
  const serverOptions = { maxHeaderSize: 32 * 1024 };
  const server = options.tls ? https.createServer({ ...options.tls, ...serverOptions }, listener) : http.createServer(serverOptions, listener);
  // Kestrel's keep-alive timeout (130 s), not Node's 5 s: an idle pooled connection, e.g. one that waited
  // while a large upload went on beside it, is not closed under a device's next request.
  server.keepAliveTimeout = 130_000;
  await listen(server, options.port ?? 7071, options.host ?? '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  const scheme = options.tls ? 'https' : 'http';
  return {
    url: `${scheme}://localhost:${port}`,
    routes,
    functionKey,
    close: () => closeServer(server),
  };
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, routes: HttpRoute[], functionKey: string, logSink: (line: string) => void) {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const method = (req.method ?? 'GET').toUpperCase();
  const matched = routes
    .map((route) => ({ route, params: route.match(url.pathname) }))
    .find((m) => m.params !== null && (m.route.methods === null || m.route.methods.includes(method)));
  // The Functions host answers an unmatched route or method with a bare 404.
  if (!matched) return void res.writeHead(404).end();
  if (matched.route.authLevel !== 'anonymous' && !hasKey(req, url, functionKey)) return void res.writeHead(401).end();

  const body = method === 'GET' || method === 'HEAD' ? undefined : requestBody(req);
  res.once('finish', () => body?.drainRest());
  const nativeRequest = new Request(url, { method, headers: toHeaders(req), body: body?.stream, duplex: 'half' } as RequestInit);
  const response = await invokeHttpFunction(matched.route, nativeRequest, matched.params!, logSink);
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  // A body the function did not read to its end (refused unread or part-way, e.g. 401 or 413) is drained
  // after the answer, so a device's pooled connection carries its next request; only a rest too large
  // to drain ends the connection.
  if (body && !body.keepsConnection()) headers.connection = 'close';
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  // pipeline, not pipe: a device that goes away cancels the body (and with it Ferry's Graph download),
  // and a body that fails after its first byte rejects, so the connection is destroyed (the caller
  // does it, headers being sent) and a cut file never looks complete. Chunks pass one by one, unbuffered.
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream, { highWaterMark: 0 }), res);
}

function toHeaders(req: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
  }
  return headers;
}

function hasKey(req: http.IncomingMessage, url: URL, functionKey: string): boolean {
  const given = (req.headers['x-functions-key'] as string | undefined) ?? url.searchParams.get('code') ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(functionKey);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readJson(file: string): Record<string, unknown> | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined;
}

function readRoutePrefix(rootDir: string): string {
  const hostJson = readJson(path.join(rootDir, 'host.json')) as { extensions?: { http?: { routePrefix?: string } } } | undefined;
  return hostJson?.extensions?.http?.routePrefix ?? 'api';
}

function mainGlobs(rootDir: string): string[] {
  const main = readJson(path.join(rootDir, 'package.json'))?.main;
  if (typeof main !== 'string') throw new TypeError('package.json has no "main" naming the function files');
  return [main];
}

/** As Core Tools does: `Values` from local.settings.json become environment variables unless already set. */
function applyLocalSettings(rootDir: string): void {
  const values = (readJson(path.join(rootDir, 'local.settings.json')) as { Values?: Record<string, string> } | undefined)?.Values ?? {};
  for (const [key, value] of Object.entries(values)) if (process.env[key] === undefined) process.env[key] = String(value);
}
