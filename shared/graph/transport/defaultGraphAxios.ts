import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';

let shared: AxiosInstance | undefined;

/**
 * The process-wide axios instance for Graph: keep-alive agents (one function instance serves many
 * commands), no redirects (a redirect could leave the Graph origin), every status resolved (the client
 * maps statuses itself). The axios transport sets the same per request, so an injected instance behaves
 * the same way.
 */
export function defaultGraphAxios(): AxiosInstance {
  shared ??= axios.create({
    httpAgent: new http.Agent({ keepAlive: true }),
    httpsAgent: new https.Agent({ keepAlive: true }),
    maxRedirects: 0,
    validateStatus: () => true,
  });
  return shared;
}
