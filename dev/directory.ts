/**
 * The dev directory: tenants and users known to the dev identity provider and the Graph simulator.
 * Ids are fixed GUIDs so tokens, mailboxes and tests agree across restarts.
 */
export interface DevUser {
  upn: string;
  displayName: string;
  oid: string;
  tenant: string;
  /** When true, the on-behalf-of exchange answers `consent_required` for this user. */
  needsConsent?: boolean;
  /** Graph scopes this user never consented to: the on-behalf-of token's `scp` leaves them out. */
  declinedScopes?: string[];
}

export interface DevTenant {
  name: string;
  tid: string;
}

export const devTenants: DevTenant[] = [
  { name: 'contoso', tid: 'c0a7f2d4-5b1e-4c3a-9d8e-000000c07050' },
  { name: 'fabrikam', tid: 'fab71ca3-2e4d-4f6a-8b9c-000000fab71c' },
];

export const devUsers: DevUser[] = [
  { upn: 'alice@contoso.test', displayName: 'Alice Wilber', oid: 'a11ce000-0000-4000-8000-0000000a11ce', tenant: 'contoso' },
  { upn: 'bob@contoso.test', displayName: 'Bob Kelly', oid: 'b0b00000-0000-4000-8000-000000000b0b', tenant: 'contoso' },
  { upn: 'carol@contoso.test', displayName: 'Carol Ruiz', oid: 'ca401000-0000-4000-8000-00000000ca40', tenant: 'contoso', needsConsent: true },
  { upn: 'dave@contoso.test', displayName: 'Dave Lin', oid: 'da7e0000-0000-4000-8000-00000000da7e', tenant: 'contoso', declinedScopes: ['People.Read'] },
  { upn: 'erin@fabrikam.test', displayName: 'Erin Hall', oid: '0e412000-0000-4000-8000-000000000e41', tenant: 'fabrikam' },
  ...benchUsers(16),
];

/**
 * `bench01`..`bench16@contoso.test`: the bench's load and arrival-rate users (no mailbox unless the
 * bench gives them one). The number leads the oid: the simulator's id tag reads an oid's first 18 characters.
 */
function benchUsers(count: number): DevUser[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    return { upn: `bench${n}@contoso.test`, displayName: `Bench User ${n}`, oid: `be4c00${n}-0000-4000-8000-0000be4c00${n}`, tenant: 'contoso' };
  });
}

/** Application ids of the dev registrations. */
export const devApps = {
  /** Ferry's API: the audience of device tokens and the confidential client of the on-behalf-of exchange. */
  ferryClientId: 'f3a7e1c0-0000-4000-8000-00000000f3a7',
  ferryClientSecret: 'ferry-dev-client-secret',
  /** The mobile app that signs users in (the `azp` of device tokens). */
  deviceClientId: 'de71ce00-0000-4000-8000-00000000de71',
  apiScope: 'access_as_user',
  graphAudience: 'https://graph.microsoft.com',
  graphScopes: 'Mail.ReadWrite Mail.Send Calendars.ReadWrite Contacts.ReadWrite People.Read User.Read',
};

export function findTenant(nameOrTid: string): DevTenant | undefined {
  return devTenants.find((t) => t.name === nameOrTid || t.tid === nameOrTid);
}

export function findUser(upnOrOid: string): DevUser | undefined {
  const needle = upnOrOid.toLowerCase();
  return devUsers.find((u) => u.upn === needle || u.oid === needle);
}
