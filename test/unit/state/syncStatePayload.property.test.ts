import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { openState } from '../../../shared/state/stateToken';
import { sealState } from '../../../shared/state/stateToken';
import type { StateBinding } from '../../../shared/state/stateToken';
import { maxEncodedCountDigestLength } from '../../../shared/sync/folderCountDigest';
import { wellKnownFolderKinds } from '../../../shared/translate/wellKnownFolderIds';
import { anyStateSchema, failureOf, invalid, ringK1, type SyncStatePayload } from './stateFixtures';

const foldersCollection = 'folders';
const mailCollection = (folderId: string) => `mail:${folderId}`;

const id = (maxLength: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_=-]{1,${maxLength}}$`));
const link = fc.stringMatching(/^\/[\x21-\x7e]{0,600}$/).filter((value) => !value.startsWith('//'));
const round = {
  v: fc.constant(1 as const),
  link: fc.option(link, { nil: undefined }),
  inRound: fc.boolean(),
  roundStartedAt: fc.integer({ min: 0, max: 4_102_444_800 }),
};

const foldersState = fc.record(
  {
    ...round,
    kind: fc.constant('folders' as const),
    wellKnown: fc.dictionary(fc.constantFrom(...wellKnownFolderKinds), id(150)),
    // The count digest: incompressible, up to its longest (256 folders).
    counts: fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{0,${maxEncodedCountDigestLength}}$`)),
  },
  { requiredKeys: ['v', 'kind', 'inRound', 'roundStartedAt', 'wellKnown'] },
);
const mailState = fc.record(
  {
    ...round,
    kind: fc.constant('mail' as const),
    folderId: id(200),
    since: fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
    body: fc.record({ type: fc.constantFrom('none' as const, 'text' as const, 'html' as const), maxChars: fc.integer({ min: 1, max: 1_000_000 }) }, { requiredKeys: ['type'] }),
  },
  { requiredKeys: ['v', 'kind', 'folderId', 'inRound', 'roundStartedAt', 'body'] },
);
const payload: fc.Arbitrary<SyncStatePayload> = fc.oneof(foldersState, mailState);
const uuid = fc.uuid();

function bindingFor(state: SyncStatePayload, tid: string, oid: string): StateBinding {
  return { tid, oid, collection: state.kind === 'folders' ? foldersCollection : mailCollection(state.folderId) };
}

describe('sync state payloads (property)', () => {
  it('round-trip whatever their content', () => {
    fc.assert(
      fc.property(payload, uuid, uuid, (state, tid, oid) => {
        const binding = bindingFor(state, tid, oid);
        expect(openState(sealState(state, binding, ringK1, anyStateSchema), binding, ringK1, anyStateSchema)).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });

  it('never open for another tenant, user or collection', () => {
    fc.assert(
      fc.property(payload, uuid, uuid, uuid, fc.constantFrom('tid', 'oid', 'collection'), (state, tid, oid, other, field) => {
        const binding = bindingFor(state, tid, oid);
        const elsewhere = { ...binding, [field]: field === 'collection' ? mailCollection(`x${other.replace(/-/g, '')}`) : other };
        fc.pre(elsewhere[field] !== binding[field]);
        expect(failureOf(() => openState(sealState(state, binding, ringK1, anyStateSchema), elsewhere, ringK1, anyStateSchema))).toEqual(invalid('auth_failed'));
      }),
      { numRuns: 200 },
    );
  });

  it('stay within 4096 characters at their largest folders state: random well-known ids, link and a full count digest', () => {
    const largest: SyncStatePayload = {
      v: 1,
      kind: 'folders',
      link: `/v1.0/me/mailFolders/delta?$deltatoken=${randomBase64url(560)}`,
      inRound: false,
      roundStartedAt: 4_102_444_800,
      wellKnown: Object.fromEntries(wellKnownFolderKinds.map((kind, index) => [kind, randomBase64url(150 - index)])),
      counts: randomBase64url(maxEncodedCountDigestLength),
    };
    const binding = bindingFor(largest, '72f988bf-86f1-41af-91ab-2d7cd011db47', '00000000-0000-0000-0000-0000000a11ce');
    const sealed = sealState(largest, binding, ringK1, anyStateSchema);
    expect(sealed.length).toBeLessThanOrEqual(4096);
    expect(openState(sealed, binding, ringK1, anyStateSchema)).toEqual(largest);
  });
});

/** Incompressible, as ids, tokens and a digest of hashes are to deflate. */
function randomBase64url(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}
