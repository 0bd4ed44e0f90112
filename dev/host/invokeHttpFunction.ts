import { randomUUID } from 'node:crypto';
import { HttpRequest, HttpResponse, InvocationContext, type HttpResponseInit } from '@azure/functions';
import type { HttpRoute } from './routeTable';

/**
 * Calls one registered HTTP function as the worker would: a real HttpRequest (wrapping the native,
 * streaming Request) and InvocationContext in, an HttpResponse (or its init) out.
 */
export async function invokeHttpFunction(route: HttpRoute, nativeRequest: Request, params: Record<string, string>, logSink: (line: string) => void): Promise<Response> {
  const request = new HttpRequest({ nativeRequest, params } as unknown as ConstructorParameters<typeof HttpRequest>[0]);
  const context = new InvocationContext({
    invocationId: randomUUID(),
    functionName: route.functionName,
    logHandler: (level, ...args) => logSink(`[${level}] ${route.functionName}: ${args.map(String).join(' ')}`),
  });
  const result = (await route.registration.callback(request, context)) as HttpResponse | HttpResponseInit | undefined;
  const response = result instanceof HttpResponse ? result : new HttpResponse(result ?? { status: 204 });
  return new Response(response.body as ConstructorParameters<typeof Response>[0], { status: response.status, headers: response.headers });
}
