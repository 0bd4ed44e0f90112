import { isIdempotentGraphCall } from '../../../dev/graphSim/core/faults/isIdempotentGraphCall';
import { buildRequest, checkOperationTable, operations, type OperationDefinition } from '../../../shared/graph/operations';

const table: Record<string, OperationDefinition> = operations;

describe('operation table', () => {
  it('keeps its own rules', () => {
    expect(checkOperationTable(table)).toEqual([]);
  });

  // The chaos suite judges Ferry's repeats by the simulator's own idea of Graph's semantics: the two must agree
  // (calendar.getSchedule: a POST that only reads). A `$batch` is as idempotent as its items, judged per call.
  it.each(Object.entries(table).filter(([name]) => name !== 'batch'))('%s: idempotent as the simulator judges Graph', (_name, row) => {
    expect(isIdempotentGraphCall(row.method, `/v1.0${row.pathTemplate.replace(/\{\w+\}/g, 'AAMkAGI2TGuLAAA=')}`)).toBe(row.idempotent);
  });

  it('fails a POST marked idempotent without a reason, and a GET marked otherwise', () => {
    const bad: Record<string, OperationDefinition> = {
      'messages.send': { method: 'POST', pathTemplate: '/me/messages/{messageId}/send', query: [], answer: 'none', idempotent: true },
      'messages.move': { method: 'POST', pathTemplate: '/me/messages/{messageId}/move', query: [], answer: 'entity', idempotent: true, reason: ' ' },
      'messages.get': { method: 'GET', pathTemplate: '/me/messages/{messageId}', query: ['$select'], answer: 'entity', idempotent: false },
      relative: { method: 'GET', pathTemplate: 'me', query: ['select it'], answer: 'entity', idempotent: true },
    };
    expect(checkOperationTable(bad)).toEqual([
      'messages.send: a POST marked idempotent needs a reason',
      'messages.move: a POST marked idempotent needs a reason',
      'messages.get: GET is idempotent',
      'relative: the path template must start with "/"',
      'relative: "select it" is not a query option name',
    ]);
  });

  it('accepts a POST marked idempotent with its reason', () => {
    const move: OperationDefinition = {
      method: 'POST',
      pathTemplate: '/me/messages/{messageId}/move',
      query: [],
      answer: 'entity',
      idempotent: true,
      reason: 'Immutable ids: moving to the folder it is already in changes nothing.',
    };
    expect(checkOperationTable({ 'messages.move': move })).toEqual([]);
  });

  it.each(Object.entries(table))('%s: a POST is idempotent only with a reason', (_name, definition) => {
    if (definition.method === 'POST' && definition.idempotent) expect(definition.reason).toEqual(expect.any(String));
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

  it('throws on a query option the table does not allow for the operation', () => {
    expect(() => buildRequest('messages.get', { messageId: 'a' }, { query: { $search: 'x' } })).toThrow(TypeError);
    expect(() => buildRequest('mailFolders.delta', {}, { query: { $select: 'id', $top: '5' } })).toThrow(TypeError);
  });

  it('refuses dot-segment ids', () => {
    expect(() => buildRequest('messages.get', { messageId: '..' })).toThrow(RangeError);
  });
});
