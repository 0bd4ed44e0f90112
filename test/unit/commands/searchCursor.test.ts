import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../../shared/config';
import { openSearchCursor, sealSearchCursor, searchCollection } from '../../../shared/commands/searchCursor';
import type { CommandContext } from '../../../shared/runtime/commandContext';
import { openState } from '../../../shared/state/stateToken';
import { alice, anyStateSchema, ringK1 } from '../state/stateFixtures';

/** The cursor codec with an injected clock: expiry, binding to the query, verdicts dropped past 4096 characters. */
function contextAt(nowMs: { value: number }, oid = alice.oid): CommandContext {
  return {
    caller: { tid: alice.tid, oid },
    config: loadConfig({}),
    clock: { now: () => nowMs.value, sleep: async () => undefined },
    keyRing: async () => ringK1,
  } as unknown as CommandContext;
}

const codeOf = async (promise: Promise<unknown>) => promise.then(() => 'opened', (error: { code?: string; logReason?: string }) => `${error.code}/${error.logReason}`);

describe('the mail/search cursor', () => {
  const query = searchCollection({ text: 'quokka', limit: 5, cursor: 'x' });

  it('binds to the query without cursor and limit, in any key order', () => {
    expect(searchCollection({ limit: 9, text: 'quokka' })).toBe(query);
    expect(searchCollection({ subject: 'a', text: 'b' })).toBe(searchCollection({ text: 'b', subject: 'a' }));
    expect(searchCollection({ text: 'quokkas' })).not.toBe(query);
    expect(query).toMatch(/^search:[A-Za-z0-9_-]{43}$/);
  });

  it('opens within FERRY_SEARCH_CURSOR_MIN (15) and is 410 search_state_invalid after it', async () => {
    const now = { value: 1_700_000_000_000 };
    const context = contextAt(now);
    const cursor = await sealSearchCursor(context, query, { link: '/v1.0/me/messages?$skip=5', skip: 2 });
    now.value += 15 * 60_000;
    expect(await openSearchCursor(context, cursor, query)).toMatchObject({ link: '/v1.0/me/messages?$skip=5', skip: 2 });
    now.value += 1_000;
    expect(await codeOf(openSearchCursor(context, cursor, query))).toBe('search_state_invalid/expired');
  });

  it('is 410 search_state_invalid for another user or query, and never opens as a sync state (another key)', async () => {
    const now = { value: 1_700_000_000_000 };
    const cursor = await sealSearchCursor(contextAt(now), query, { skip: 1, top: 25 });
    expect(await codeOf(openSearchCursor(contextAt(now, 'b0b'), cursor, query))).toBe('search_state_invalid/auth_failed');
    expect(await codeOf(openSearchCursor(contextAt(now), cursor, searchCollection({ text: 'other' })))).toBe('search_state_invalid/auth_failed');
    expect(() => openState(cursor, { ...alice, collection: query }, ringK1, anyStateSchema)).toThrow(expect.objectContaining({ code: 'sync_state_invalid', logReason: 'auth_failed' }));
  });

  it('leaves the folder verdicts out when they would pass 4,096 characters', async () => {
    const now = { value: 1_700_000_000_000 };
    // Random ids: deflate cannot shrink them, as it cannot real ones' random parts.
    const folderIds = Array.from({ length: 60 }, () => `AAMk${randomBytes(90).toString('base64url')}`);
    const cursor = await sealSearchCursor(contextAt(now), query, { link: '/v1.0/me/messages?$skip=25', skip: 0, hidden: folderIds.slice(0, 2), visible: folderIds });
    expect(cursor.length).toBeLessThanOrEqual(4096);
    const opened = await openSearchCursor(contextAt(now), cursor, query);
    expect(opened.visible).toBeUndefined();
    expect(opened.link).toBe('/v1.0/me/messages?$skip=25');
    const small = await openSearchCursor(contextAt(now), await sealSearchCursor(contextAt(now), query, { skip: 0, hidden: ['h'], visible: ['v'] }), query);
    expect([small.hidden, small.visible]).toEqual([['h'], ['v']]);
  });
});
