import { buildRequest, operations, type OperationDefinition } from '../../../shared/graph/operations';

const table: Record<string, OperationDefinition> = operations;

describe('operation table', () => {
  it.each(Object.entries(table))('%s: a POST is idempotent only with a reason', (_name, definition) => {
    if (definition.method === 'POST' && definition.idempotent) expect(definition.reason).toEqual(expect.any(String));
  });

  it.each(Object.entries(table))('%s: GETs are idempotent and templates are absolute paths', (_name, definition) => {
    if (definition.method === 'GET') expect(definition.idempotent).toBe(true);
    expect(definition.pathTemplate).toMatch(/^\/[A-Za-z$]/);
  });
});

describe('buildRequest', () => {
  it('fills the template with encoded ids and takes idempotent from the table', () => {
    expect(buildRequest('messages.delta', { folderId: 'AA/k+=' }, { query: { $select: 'id' }, headers: { Prefer: 'odata.maxpagesize=10' } })).toEqual({
      operation: 'messages.delta',
      method: 'GET',
      path: '/me/mailFolders/AA%2Fk%2B%3D/messages/delta',
      query: { $select: 'id' },
      headers: { Prefer: 'odata.maxpagesize=10' },
      idempotent: true,
    });
    expect(buildRequest('mailFolders.delta', {})).toEqual({ operation: 'mailFolders.delta', method: 'GET', path: '/me/mailFolders/delta', idempotent: true });
  });

  it('throws on a missing or unknown parameter', () => {
    expect(() => buildRequest('messages.get', {} as never)).toThrow(TypeError);
    expect(() => buildRequest('messages.get', { messageId: 'a', folderId: 'b' } as never)).toThrow(TypeError);
  });

  it('refuses dot-segment ids', () => {
    expect(() => buildRequest('messages.get', { messageId: '..' })).toThrow(RangeError);
  });
});
