import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { maxStateLength } from '../../../shared/protocol/schemas/common';
import { createKeyRing } from '../../../shared/state/keyRing';
import { decodeStateToken, openState, peekStateKeyId, sealState, stateAssociatedData } from '../../../shared/state/stateToken';
import { alice, anyStateSchema, failureOf, invalid, keys, mailPayload, ringK1, sealBySpec } from './stateFixtures';

/*
 * The edges of sealing and opening that the mutation run (npm run mutate) found unpinned: the exact
 * length limit, the shortest key id, what the payload decoder accepts, and the messages of the errors
 * that report a bug in the caller.
 */

/** A link of `length` pseudo-random query characters: deterministic, and hard for deflate to shrink. */
function noisyLink(length: number, seed = 1): string {
  let x = seed;
  let query = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    query += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[Math.floor(x / 65536) % 64];
  }
  return `/v1.0/me/messages/delta?$deltatoken=${query}`;
}

describe('sealState: the 4096-character limit', () => {
  /** The mail state whose token is exactly `target` characters long (the link's length is searched). */
  function stateSealedTo(target: number) {
    for (let length = 3000; length < 4600; length++) {
      const payload = { ...mailPayload, link: noisyLink(length) };
      let token: string;
      try {
        token = sealState(payload, alice, ringK1, anyStateSchema);
      } catch {
        continue;
      }
      if (token.length === target) return { payload, token };
    }
    throw new Error(`no link length gives a ${target}-character token`);
  }

  it('hands out a token of exactly 4096 characters, and opens it', () => {
    const { payload, token } = stateSealedTo(maxStateLength);
    expect(token).toHaveLength(4096);
    expect(openState(token, alice, ringK1, anyStateSchema)).toEqual(payload);
  });

  it('refuses one past it with a RangeError that gives both lengths', () => {
    const huge = { ...mailPayload, link: noisyLink(5000) };
    expect(() => sealState(huge, alice, ringK1, anyStateSchema)).toThrow(/would be \d{4} characters, over the 4096/);
  });

  it('deflates at level 9: the token is as short as the format allows', () => {
    // Two-letter noise with a counter: a text where deflate's longer match search (level 9) pays off.
    let x = 1;
    let query = '';
    for (let i = 0; i < 600; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      query += 'ab'[x % 2]! + 'cd'[Math.floor(x / 8) % 2]! + (i % 10);
    }
    const payload = { ...mailPayload, link: `/v1.0/me/messages/delta?$deltatoken=${query}` };
    const plaintext = Buffer.from(JSON.stringify(anyStateSchema.parse(payload)));
    expect(deflateRawSync(plaintext, { level: 9 }).length).toBeLessThan(deflateRawSync(plaintext).length); // the control: the levels differ here
    const bySpec = sealBySpec(deflateRawSync(plaintext, { level: 9 }), alice, 'k1', keys.k1);
    expect(sealState(payload, alice, ringK1, anyStateSchema)).toHaveLength(bySpec.length);
  });
});

describe('peekStateKeyId and openState: past 4096 characters', () => {
  it('names no key for a token that would decode but is too long, and openState refuses it as too_long', () => {
    const long = sealBySpec(randomBytes(3100), alice, 'k1', keys.k1);
    expect(long.length).toBeGreaterThan(maxStateLength);
    expect(decodeStateToken(long).keyId).toBe('k1'); // the control: only its length is wrong
    expect(peekStateKeyId(long)).toBeUndefined();
    expect(failureOf(() => openState(long, alice, ringK1, anyStateSchema))).toEqual(invalid('too_long'));
    for (const notAToken of [null, undefined, 42, { length: 10 }]) expect(peekStateKeyId(notAToken)).toBeUndefined();
  });
});

describe('key ids and bindings', () => {
  it('seals and opens with a one-character key id (and a 64-character one)', () => {
    for (const id of ['a', 'k'.repeat(64)]) {
      const ring = createKeyRing([{ id, key: keys.k2 }]);
      const token = sealState(mailPayload, alice, ring, anyStateSchema);
      expect(Buffer.from(token, 'base64url')[1]).toBe(id.length);
      expect(openState(token, alice, ring, anyStateSchema)).toEqual(mailPayload);
    }
  });

  it('refuses a binding field that is not a string, even one with a length, on both sides', () => {
    const token = sealState(mailPayload, alice, ringK1, anyStateSchema);
    for (const binding of [{ ...alice, tid: ['t'] }, { ...alice, oid: ['o'] }, { ...alice, collection: ['mail:AAMkInbox'] }, undefined]) {
      expect(() => sealState(mailPayload, binding as never, ringK1, anyStateSchema)).toThrow(new TypeError('A state binding needs a non-empty tid, oid and collection.'));
      expect(() => openState(token, binding as never, ringK1, anyStateSchema)).toThrow(new TypeError('A state binding needs a non-empty tid, oid and collection.'));
    }
  });

  it('binds the purpose, version, key id and binding as a JSON array in UTF-8', () => {
    const binding = { tid: 'tï', oid: 'o€', collection: 'mail:é' };
    expect(stateAssociatedData(binding, 1, 'k1', 'cursor')).toEqual(Buffer.from('["ferry/cursor",1,"k1","tï","o€","mail:é"]', 'utf8'));
  });

  it('names the schema failure in its TypeError and keeps zod’s error as the cause', () => {
    let thrown: unknown;
    try {
      sealState({ ...mailPayload, v: 2 } as never, alice, ringK1, anyStateSchema);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as TypeError).message).toBe('sealState: the payload does not match its schema.');
    expect((thrown as TypeError).cause).toBeInstanceOf(z.ZodError);
  });
});

describe('openState: the payload inside a valid seal', () => {
  const anyString = z.object({ s: z.string() });

  it('refuses a payload that is not UTF-8 (no replacement characters let through)', () => {
    const notUtf8 = Buffer.concat([Buffer.from('{"s":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const token = sealBySpec(deflateRawSync(notUtf8), alice, 'k1', keys.k1);
    expect(failureOf(() => openState(token, alice, ringK1, anyString))).toEqual(invalid('bad_payload'));
    // The control: the same frame with valid UTF-8 opens.
    const valid = sealBySpec(deflateRawSync(Buffer.from('{"s":"ÿþ"}')), alice, 'k1', keys.k1);
    expect(openState(valid, alice, ringK1, anyString)).toEqual({ s: 'ÿþ' });
  });

  it('refuses a payload that is not deflated JSON even when the schema would take anything', () => {
    for (const plaintext of [Buffer.from('not deflated'), deflateRawSync(Buffer.from('{not json'))]) {
      const token = sealBySpec(plaintext, alice, 'k1', keys.k1);
      expect(failureOf(() => openState(token, alice, ringK1, z.unknown()))).toEqual(invalid('bad_payload'));
    }
  });

  it('keeps a mail state whose `since` carries an offset, as the device sent it', () => {
    const payload = { ...mailPayload, since: '2024-05-01T02:00:00+02:00' };
    expect(openState(sealState(payload, alice, ringK1, anyStateSchema), alice, ringK1, anyStateSchema)).toEqual(payload);
  });
});

describe('createKeyRing: configuration mistakes named by position', () => {
  it('says which key is wrong and why, never its id', () => {
    const good = { id: 'k1', key: keys.k1 };
    expect(() => createKeyRing([])).toThrow(new RangeError('The state key ring needs at least one key.'));
    expect(() => createKeyRing([good, { id: 'bad id', key: keys.k2 }])).toThrow(new RangeError('State key 2: the key id must be 1 to 64 characters of A-Z a-z 0-9 _ -.'));
    expect(() => createKeyRing([good, { id: 'k2', key: Buffer.alloc(31) }])).toThrow(new RangeError('State key 2: the key must be exactly 32 bytes.'));
    expect(() => createKeyRing([good, { id: 'k1', key: keys.k2 }])).toThrow(new RangeError('State key 2: its key id is already used by an earlier key.'));
  });

  it('refuses a key id that is not a string, even one that prints as a valid id', () => {
    expect(() => createKeyRing([{ id: 12 as never, key: keys.k1 }])).toThrow(RangeError);
  });
});
