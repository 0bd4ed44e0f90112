import axios, { type AxiosInstance } from 'axios';
import { createGuardedAgent } from '../../net/createGuardedAgent';

const shared = new Map<string, AxiosInstance>();

/**
 * The process-wide axios instance for Graph at `graphUrl`: keep-alive agents (one function instance
 * serves many commands), no redirects (a redirect could leave the Graph origin), every status resolved
 * (the client maps statuses itself). Its agents are the outbound guard's (shared/net): a name that
 * resolves to a loopback, private or link-local address is refused at connect, except the configured
 * Graph origin itself when it is a loopback one (the local stack's simulator). The axios transport sets
 * the same options per request, so an injected instance behaves the same way.
 */
export function defaultGraphAxios(graphUrl: string): AxiosInstance {
  let instance = shared.get(graphUrl);
  if (!instance) {
    const loopbackOrigins = [graphUrl];
    instance = axios.create({
      httpAgent: createGuardedAgent({ protocol: 'http:', loopbackOrigins }),
      httpsAgent: createGuardedAgent({ protocol: 'https:', loopbackOrigins }),
      maxRedirects: 0,
      validateStatus: () => true,
    });
    shared.set(graphUrl, instance);
  }
  return instance;
}
