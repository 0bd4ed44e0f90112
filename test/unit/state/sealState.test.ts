import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { maxStateLength } from '../../../shared/protocol/schemas/common';
import { createKeyRing } from '../../../shared/state/keyRing';
import { openState } from '../../../shared/state/stateToken';
import { sealState } from '../../../shared/state/stateToken';
import { decodeStateToken } from '../../../shared/state/stateToken';
import { wellKnownFolderKinds } from '../../../shared/translate/wellKnownFolderIds';
import { alice, anyStateSchema, deflateJson, type SyncStatePayload, failureOf, foldersPayload, invalid, keys, mailPayload, ringK1, sealBySpec } from './stateFixtures';

/** A Graph-like id of `length` characters of the graphId alphabet, random so deflate cannot shrink it. */
function randomId(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}

describe('sealState / openState', () => {
  it('round-trips a mail state and a folders state', () => {
    expect(openState(sealState(mailPayload, alice, ringK1, anyStateSchema), alice, ringK1, anyStateSchema)).toEqual(mailPayload);
    const folders = { ...alice, collection: 'folders' as const };
    expect(openState(sealState(foldersPayload, folders, ringK1, anyStateSchema), folders, ringK1, anyStateSchema)).toEqual(foldersPayload);
  });

  it('round-trips a state without a link (the next call starts a new round)', () => {
    const { link: _link, ...withoutLink } = mailPayload;
    expect(openState(sealState(withoutLink, alice, ringK1, anyStateSchema), alice, ringK1, anyStateSchema)).toEqual(withoutLink);
  });

  it("carries Graph's documented links exactly, origin dropped", () => {
    const samples = path.join(__dirname, '../../fixtures/graph-samples');
    const links = ['message-delta-page1', 'message-delta-page2', 'message-delta-final-deltaLink', 'mailfolder-delta'].map((name) => {
      const page = JSON.parse(readFileSync(path.join(samples, `${name}.json`), 'utf8')) as Record<string, string>;
      const link = page['@odata.nextLink'] ?? page['@odata.deltaLink']!;
      return link.slice(new URL(link).origin.length);
    });
    expect(links[2]).toBe("/v1.0/me/mailfolders('AQMkADNkNAAAgEMAAAA')/messages/delta?$deltatoken=GwcBoTmPuoGNlgXgF1nyUNMXY");
    for (const link of links) {
      const state = { ...mailPayload, link };
      expect(openState(sealState(state, alice, ringK1, anyStateSchema), alice, ringK1, anyStateSchema)).toEqual(state);
    }
  });

  it('never gives the same token twice for the same state (random IV)', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => sealState(mailPayload, alice, ringK1, anyStateSchema)));
    expect(tokens.size).toBe(50);
  });

  it('writes the documented frame: version 1, the current key id, base64url without padding', () => {
    const token = sealState(mailPayload, alice, ringK1, anyStateSchema);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    const frame = decodeStateToken(token);
    expect(frame).toMatchObject({ version: 1, keyId: 'k1' });
    expect(frame.iv).toHaveLength(12);
    expect(frame.tag).toHaveLength(16);
  });

  it('opens a token built from the format description alone (HKDF info, associated data, deflate-raw JSON)', () => {
    const token = sealBySpec(deflateJson(mailPayload), alice, 'k1', keys.k1);
    expect(openState(token, alice, ringK1, anyStateSchema)).toEqual(mailPayload);
  });

  it('stays under 4096 characters with a 600-character link and eight 150-character well-known ids', () => {
    const link = `/v1.0/me/mailFolders('${randomId(150)}')/messages/delta?$deltatoken=${randomId(600 - 190)}`;
    expect(link.length).toBeGreaterThanOrEqual(590);
    const wellKnown = Object.fromEntries(wellKnownFolderKinds.map((kind) => [kind, randomId(150)]));
    const folders: SyncStatePayload = { v: 1, kind: 'folders', link, inRound: false, roundStartedAt: 1_714_521_600, wellKnown };
    const binding = { ...alice, collection: 'folders' as const };
    const folderToken = sealState(folders, binding, ringK1, anyStateSchema);
    expect(folderToken.length).toBeLessThan(maxStateLength);
    expect(openState(folderToken, binding, ringK1, anyStateSchema)).toEqual(folders);

    const folderId = randomId(150);
    const mail: SyncStatePayload = { ...mailPayload, folderId, link, body: { type: 'text', maxChars: 1_000_000 } };
    const mailToken = sealState(mail, { ...alice, collection: `mail:${folderId}` }, ringK1, anyStateSchema);
    expect(mailToken.length).toBeLessThan(maxStateLength / 2);
  });

  it('refuses to hand out a token the device could not send back (RangeError past 4096)', () => {
    const huge = { ...mailPayload, link: `/v1.0/me/messages/delta?$deltatoken=${randomId(4000)}` };
    expect(() => sealState(huge, alice, ringK1, anyStateSchema)).toThrow(RangeError);
  });

  it('treats a payload that fails its schema or belongs to another collection as a bug (TypeError)', () => {
    expect(() => sealState({ ...mailPayload, v: 2 } as never, alice, ringK1, anyStateSchema)).toThrow(TypeError);
    expect(() => sealState({ ...mailPayload, link: '//evil.example/x' }, alice, ringK1, anyStateSchema)).toThrow(TypeError);
    expect(() => sealState({ ...mailPayload, extra: 1 } as never, alice, ringK1, anyStateSchema)).toThrow(TypeError);
    expect(() => sealState({ ...mailPayload, roundStartedAt: 1_714_521_600_000 }, alice, ringK1, anyStateSchema)).toThrow(TypeError); // ms, not s
    // The collection is opaque to the state layer: a state sealed for one opens for no other.
    const otherFolder = { ...alice, collection: 'mail:AAMkOther' };
    expect(failureOf(() => openState(sealState(mailPayload, otherFolder, ringK1, anyStateSchema), alice, ringK1, anyStateSchema))).toEqual(invalid('auth_failed'));
    expect(failureOf(() => openState(sealState(foldersPayload, alice, ringK1, anyStateSchema), { ...alice, collection: 'folders' }, ringK1, anyStateSchema))).toEqual(invalid('auth_failed'));
  });

  it('treats an incomplete binding as a bug (TypeError), on both sides', () => {
    const token = sealState(mailPayload, alice, ringK1, anyStateSchema);
    // The collection is an opaque string (each sync definition names its own); only an empty or absent one is a bug.
    for (const binding of [{ ...alice, tid: '' }, { ...alice, oid: '' }, { ...alice, collection: '' }, { ...alice, collection: undefined }]) {
      expect(() => sealState(mailPayload, binding as never, ringK1, anyStateSchema)).toThrow(TypeError);
      expect(() => openState(token, binding as never, ringK1, anyStateSchema)).toThrow(TypeError);
    }
  });
});

describe('key rotation', () => {
  const ringK2K1 = createKeyRing([
    { id: 'k2', key: keys.k2 },
    { id: 'k1', key: keys.k1 },
  ]);
  const ringK2 = createKeyRing([{ id: 'k2', key: keys.k2 }]);

  it('opens tokens of the previous key while it stays in the ring', () => {
    const old = sealState(mailPayload, alice, ringK1, anyStateSchema);
    expect(openState(old, alice, ringK2K1, anyStateSchema)).toEqual(mailPayload);
  });

  it('seals with the new current key', () => {
    const fresh = sealState(mailPayload, alice, ringK2K1, anyStateSchema);
    expect(decodeStateToken(fresh).keyId).toBe('k2');
    expect(openState(fresh, alice, ringK2, anyStateSchema)).toEqual(mailPayload);
    expect(failureOf(() => openState(fresh, alice, ringK1, anyStateSchema))).toEqual(invalid('unknown_key'));
  });

  it('fails tokens of a removed key with unknown_key', () => {
    const old = sealState(mailPayload, alice, ringK1, anyStateSchema);
    expect(failureOf(() => openState(old, alice, ringK2, anyStateSchema))).toEqual(invalid('unknown_key'));
  });
});
