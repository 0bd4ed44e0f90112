import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { createKeyRing } from '../../../shared/state/keyRing';
import { openState } from '../../../shared/state/stateToken';
import { sealState } from '../../../shared/state/stateToken';
import type { StateBinding } from '../../../shared/state/stateToken';
import type { StateFailureReason } from '../../../shared/state/stateInvalid';
import { alice, anyStateSchema, deflateJson, failureOf, foldersPayload, invalid, keys, mailPayload, ringK1, sealBySpec } from './stateFixtures';

/**
 * Every way a token can be wrong. The device must see exactly `sync_state_invalid` (410) each time;
 * only the log reason differs. (failureOf also checks that nothing else about the error differs.)
 */
const token = sealState(mailPayload, alice, ringK1, anyStateSchema);
const bytes = Buffer.from(token, 'base64url');
const keyIdLength = bytes[1]!;
/** version + id length + id + IV + at least one ciphertext byte + tag */
const minimumFrame = 2 + keyIdLength + 12 + 1 + 16;

const open = (candidate: string, binding: StateBinding = alice) => failureOf(() => openState(candidate, binding, ringK1, anyStateSchema));

describe('openState: one flipped bit anywhere', () => {
  it('fails at every bit of every byte of the decoded token', () => {
    const unexpected: string[] = [];
    for (let position = 0; position < bytes.length; position++) {
      // Byte 0 is the version; bytes 1..2+n the key id and its length: a flip there names no key of
      // the ring (or no valid id at all); anything after is caught by the GCM tag.
      const allowed: StateFailureReason[] =
        position === 0 ? ['unsupported_version'] : position < 2 + keyIdLength ? ['malformed', 'unknown_key'] : ['auth_failed'];
      for (let bit = 0; bit < 8; bit++) {
        const tampered = Buffer.from(bytes);
        tampered[position]! ^= 1 << bit;
        const failure = open(tampered.toString('base64url'));
        if (failure.code !== 'sync_state_invalid' || failure.status !== 410 || !allowed.includes(failure.logReason as StateFailureReason)) {
          unexpected.push(`byte ${position} bit ${bit}: ${JSON.stringify(failure)}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('fails when any character of the token is replaced by another base64url character', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let index = 0; index < token.length; index++) {
      const replacement = alphabet[(alphabet.indexOf(token[index]!) + 17) % 64]!;
      const tampered = token.slice(0, index) + replacement + token.slice(index + 1);
      expect(open(tampered).code).toBe('sync_state_invalid');
    }
  });
});

describe('openState: a token used by someone or somewhere else', () => {
  it.each<[string, StateBinding]>([
    ['another user of the same tenant', { ...alice, oid: '00000000-0000-0000-0000-000000000b0b' }],
    ['the same user id in another tenant', { ...alice, tid: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a' }],
    ['another folder', { ...alice, collection: 'mail:AAMkSent' }],
    ['the folder collection', { ...alice, collection: 'folders' }],
    ['tenant and user swapped', { ...alice, tid: alice.oid, oid: alice.tid }],
  ])('fails with auth_failed for %s', (_case, binding) => {
    expect(open(token, binding)).toEqual(invalid('auth_failed'));
  });

  it('fails with auth_failed for a folders token presented as a mail token', () => {
    const folders = sealState(foldersPayload, { ...alice, collection: 'folders' }, ringK1, anyStateSchema);
    expect(open(folders, alice)).toEqual(invalid('auth_failed'));
  });
});

describe('openState: keys', () => {
  it('fails with unknown_key when the key id is not in the ring', () => {
    const other = sealState(mailPayload, alice, createKeyRing([{ id: 'k9', key: keys.k2 }]), anyStateSchema);
    expect(open(other)).toEqual(invalid('unknown_key'));
  });

  it('fails with auth_failed for another key under the same id', () => {
    const impostor = sealState(mailPayload, alice, createKeyRing([{ id: 'k1', key: keys.k1Other }]), anyStateSchema);
    expect(open(impostor)).toEqual(invalid('auth_failed'));
  });

  it('fails with auth_failed for a token sealed with the ring key itself instead of the derived state key', () => {
    // sealBySpec derives; sealing with an HKDF of the wrong purpose is the same as another key.
    const wrongPurpose = sealBySpec(deflateJson(mailPayload), alice, 'k1', Buffer.alloc(32, 0x12));
    expect(open(wrongPurpose)).toEqual(invalid('auth_failed'));
  });
});

describe('openState: truncated, too long, garbage', () => {
  it.each([0, 1, 2, 5, 10, minimumFrame - 1, minimumFrame, minimumFrame + 1, Math.floor(bytes.length / 2), bytes.length - 16, bytes.length - 1])(
    'fails when the decoded token is cut to %i bytes',
    (length) => {
      const expected: StateFailureReason = length === 0 || length < minimumFrame ? 'malformed' : 'auth_failed';
      expect(open(bytes.subarray(0, length).toString('base64url'))).toEqual(invalid(expected));
    },
  );

  it.each([1, 2, 3, 4, 7, 30, token.length - 3, token.length - 2, token.length - 1])('fails when the token string is cut to %i characters', (length) => {
    const failure = open(token.slice(0, length));
    expect(failure.code).toBe('sync_state_invalid');
    expect(['malformed', 'auth_failed']).toContain(failure.logReason);
  });

  it('fails with too_long past 4096 characters, before decoding anything', () => {
    expect(open('A'.repeat(4097))).toEqual(invalid('too_long'));
    expect(open('!'.repeat(4097))).toEqual(invalid('too_long'));
    expect(open(token + 'A'.repeat(4097 - token.length))).toEqual(invalid('too_long'));
    // 4096 is still decoded (here: zero bytes, version 0).
    expect(open('A'.repeat(4096))).toEqual(invalid('unsupported_version'));
  });

  it.each<[string, string, StateFailureReason]>([
    ['empty', '', 'malformed'],
    ['spaces and punctuation', 'not a token!', 'malformed'],
    ['standard base64 with padding', 'AQIDBA==', 'malformed'],
    ['standard base64 alphabet', token.replace(/-/g, '+').replace(/_/g, '/') + (token.includes('-') || token.includes('_') ? '' : '+'), 'malformed'],
    ['a JWT', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'malformed'],
    ['a dangling last character (length 4n + 1)', token + 'A'.repeat((5 - (token.length % 4)) % 4 || 4), 'malformed'],
    ['non-canonical trailing bits', 'AR', 'malformed'],
    ['unsealed JSON', Buffer.from(JSON.stringify(mailPayload)).toString('base64url'), 'unsupported_version'],
    ['zero bytes', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'unsupported_version'],
    ['a version byte alone', 'AQ', 'malformed'],
    ['a key id of length 0', Buffer.concat([Buffer.from([1, 0]), randomBytes(40)]).toString('base64url'), 'malformed'],
    ['a key id longer than 64', Buffer.concat([Buffer.from([1, 65]), Buffer.alloc(65, 0x61), randomBytes(40)]).toString('base64url'), 'malformed'],
    ['a key id with forbidden bytes', Buffer.concat([Buffer.from([1, 2]), Buffer.from('k.'), randomBytes(40)]).toString('base64url'), 'malformed'],
    ['random bytes after a real key id', Buffer.concat([Buffer.from([1, 2]), Buffer.from('k1'), randomBytes(40)]).toString('base64url'), 'auth_failed'],
  ])('fails for %s', (_case, candidate, reason) => {
    expect(open(candidate)).toEqual(invalid(reason));
  });

  it('fails with malformed for a value that is not a string at all', () => {
    expect(open(undefined as never)).toEqual(invalid('malformed'));
    expect(open(42 as never)).toEqual(invalid('malformed'));
  });
});

describe('openState: versions and payloads', () => {
  it('fails with unsupported_version for a later token format, even one sealed correctly', () => {
    expect(open(sealBySpec(deflateJson(mailPayload), alice, 'k1', keys.k1, 2))).toEqual(invalid('unsupported_version'));
    const tampered = Buffer.from(bytes);
    tampered[0] = 0;
    expect(open(tampered.toString('base64url'))).toEqual(invalid('unsupported_version'));
  });

  it.each<[string, Buffer]>([
    ['not deflate data', Buffer.from([0xff, 0xff, 0xff, 0xff])],
    ['deflated non-JSON', deflateRawSync(Buffer.from('v=1&kind=mail'))],
    ['deflated invalid UTF-8', deflateRawSync(Buffer.from([0x22, 0xc3, 0x28, 0x22]))],
    ['a payload of a later schema version', deflateJson({ ...mailPayload, v: 2 })],
    ['a payload with an unknown field', deflateJson({ ...mailPayload, cursor: 'x' })],
    ['a payload without its kind', deflateJson({ ...mailPayload, kind: undefined })],
    ['a link with an origin', deflateJson({ ...mailPayload, link: 'https://evil.example/v1.0/me/messages/delta' })],
    ['a protocol-relative link', deflateJson({ ...mailPayload, link: '//evil.example/v1.0/me/messages/delta' })],
    ['a payload inflating past 64 KiB', deflateRawSync(Buffer.from(JSON.stringify({ ...mailPayload, link: '/' + 'a'.repeat(70_000) })))],
    ['JSON null', deflateJson(null)],
  ])('fails with bad_payload for an authentic token holding %s', (_case, plaintext) => {
    expect(open(sealBySpec(plaintext, alice, 'k1', keys.k1))).toEqual(invalid('bad_payload'));
  });
});
