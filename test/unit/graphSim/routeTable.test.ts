import { RouteTable, resolveRoute, splitPath, type RouteDefinition } from '../../../dev/graphSim/core/routeTable';
import { simResources } from '../../../dev/graphSim/simResources';

const ok = () => ({ status: 200 });
const row = (method: RouteDefinition['method'], pattern: string, operation: string): RouteDefinition => ({ method, pattern, operation, handler: ok });

describe('RouteTable', () => {
  const table = new RouteTable([
    row('GET', 'things', 'things.list'),
    row('GET', 'things/delta', 'things.delta'),
    row('GET', 'things/{thing}', 'things.get'),
    row('PATCH', 'things/{thing}', 'things.update'),
    row('POST', 'things/{thing}/archive', 'things.archive'),
    row('GET', 'shelves/{shelf:subShelves}/things/{thing}', 'shelfThings.get'),
  ]);
  const resolve = (method: string, path: string) => table.resolve(method, splitPath(path));

  it('captures values and chains, literals matching case-insensitively with or without microsoft.graph.', () => {
    expect(resolve('GET', 'Things/a1')).toMatchObject({ definition: { operation: 'things.get' }, match: { values: { thing: 'a1' } } });
    expect(resolve('GET', 'things/microsoft.graph.delta()').definition.operation).toBe('things.delta');
    expect(resolve('GET', "shelves('s1')/subShelves/s2/subShelves/s3/things/t").match).toEqual({ values: { thing: 't' }, chains: { shelf: ['s1', 's2', 's3'] } });
  });

  it('prefers the more specific pattern, and answers 405 by that pattern\'s methods', () => {
    expect(resolve('GET', 'things/delta').definition.operation).toBe('things.delta');
    expect(() => resolve('PATCH', 'things/delta')).toThrow(expect.objectContaining({ status: 405 }));
    expect(() => resolve('DELETE', 'things/a1')).toThrow(expect.objectContaining({ status: 405 }));
  });

  it('names the segment Graph would in its 400: the first one nothing accepts, or the last literal of a pattern the path outruns', () => {
    const segment = (path: string) => {
      try {
        resolve('GET', path);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`resolved ${path}`);
    };
    expect(segment('calendars')).toBe("Resource not found for the segment 'calendars'.");
    expect(segment('things/a1/sell')).toBe("Resource not found for the segment 'sell'.");
    expect(segment('things/a1/archive/now')).toBe("Resource not found for the segment 'archive'.");
  });

  it('refuses two rows for one method and pattern', () => {
    expect(() => new RouteTable([row('GET', 'a', 'x'), row('GET', 'a', 'y')])).toThrow(TypeError);
  });

  it('resolves /me and the caller\'s own /users/{id} through the registered resources, and refuses other users', () => {
    const registered = new RouteTable(simResources.flatMap((r) => r.routes));
    const alice = { oid: 'a11ce000-0000-4000-8000-0000000a11ce', upn: 'alice@contoso.test' };
    const route = (method: string, path: string) => resolveRoute(registered, method, splitPath(path), alice);
    expect(route('GET', '/me')).toMatchObject({ definition: { operation: 'me.get' }, userSegment: 'me' });
    expect(route('GET', '/users/alice@contoso.test/mailFolders/inbox/childFolders/x/messages/delta')).toMatchObject({
      definition: { operation: 'messages.delta' },
      match: { chains: { folder: ['inbox', 'x'] } },
      userSegment: 'users/alice%40contoso.test',
    });
    expect(() => route('GET', '/users/bob@contoso.test/messages')).toThrow(expect.objectContaining({ status: 403, code: 'ErrorAccessDenied' }));
  });
});
