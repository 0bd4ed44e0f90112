import { createHash } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** After `afterBytes` bytes the client stops for `forMs` (a device whose app went to the background). */
export interface Pause {
  afterBytes: number;
  forMs: number;
}

export interface StreamedAnswer {
  status: number;
  bytes: number;
  sha256: string;
  /** The answer's text when it was JSON (an error or a command's answer). */
  json?: unknown;
}

/**
 * GETs `url` on a connection of `agent`, hashing the body as it arrives, never holding it: the client
 * reads at full speed, or stops reading (TCP backpressure then reaches the server) during `pause`.
 */
export function streamGet(url: string, headers: Record<string, string>, agent: http.Agent, pause?: Pause): Promise<StreamedAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent }, (response) => {
      const hash = createHash('sha256');
      let bytes = 0;
      let paused = false;
      const text: Buffer[] = [];
      const isJson = /json/i.test(String(response.headers['content-type'] ?? ''));
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
        if (isJson) text.push(chunk);
        if (pause && !paused && bytes >= pause.afterBytes) {
          paused = true;
          response.pause();
          void sleep(pause.forMs).then(() => response.resume());
        }
      });
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes, sha256: hash.digest('hex'), ...(isJson ? { json: JSON.parse(Buffer.concat(text).toString('utf8') || 'null') } : {}) }));
    });
    request.on('error', reject);
  });
}

/** PUTs `body` in 64 KiB writes, honouring backpressure; with `pause`, stops once after `pause.afterBytes` of this body. */
export function streamPut(url: string, headers: Record<string, string>, body: Buffer, agent: http.Agent, pause?: Pause): Promise<StreamedAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'PUT', headers: { ...headers, 'content-length': String(body.length) }, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const all = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, bytes: all.length, sha256: createHash('sha256').update(all).digest('hex'), json: JSON.parse(all.toString('utf8') || 'null') });
      });
    });
    request.on('error', reject);
    void (async () => {
      const piece = 64 * 1024;
      let paused = false;
      for (let offset = 0; offset < body.length; offset += piece) {
        if (pause && !paused && offset >= pause.afterBytes) {
          paused = true;
          await sleep(pause.forMs);
        }
        if (!request.write(body.subarray(offset, offset + piece))) await new Promise((drained) => request.once('drain', drained));
      }
      request.end();
    })().catch(reject);
  });
}
