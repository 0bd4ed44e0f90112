import { findUser } from '../../../directory';
import { createIdFactory } from '../../core/graphIds';
import { createRandom, deriveSeed, type Random } from '../../core/random';
import type { UserSpec } from '../../core/simResource';
import { jobTitles } from '../../core/corpus/demoVocabulary';
import { ContactStore } from './contactStore';

const givenNames = ['Alex', 'Megan', 'Diego', 'Adele', 'Isaiah', 'Lynne', 'Nestor', 'Patti', 'Johanna', 'Grady', 'Søren', 'Zoë', '美咲', 'Владимир', 'محمد', 'Σοφία', 'Ngọc'];
const surnames = ['Wilber', 'Bowen', 'Siciliani', 'Vance', 'Langer', 'Robbins', 'Wilke', 'Fernandez', 'Lauer', 'Archie', 'Kjærgaard', 'Ó Briain', '佐藤', 'Иванов', 'الحسن', 'Παπαδοπούλου', 'Nguyễn'];
const companies = ['Contoso', 'Fabrikam', 'Northwind Traders', 'Tailspin Toys', 'Wide World Importers', 'Adventure Works'];
const cities = [['Redmond', 'WA', '98052', 'United States'], ['Oslo', '', '0150', 'Norway'], ['München', 'Bayern', '80331', 'Germany'], ['東京', '東京都', '100-0001', 'Japan']] as const;

/** Which user gets how many generated contacts (read from the simulator's one spec per user). */
export interface ContactsSpec extends UserSpec {
  /** Contacts spread over the user's folders; default 240 for alice, 12 for the others. */
  contactCount?: number;
}

/**
 * Demo contacts: alice has many (the default folder, two top folders, one nested under the second),
 * the others a few in the default folder and one top folder. Non-Latin names, several phones and
 * addresses, birthdays stored at 00:00Z or at 22:00Z the day before (a local midnight east of UTC).
 */
export function createDemoContacts(options: { seed: number; specs?: readonly ContactsSpec[]; now: () => number }): Map<string, ContactStore> {
  const stores = new Map<string, ContactStore>();
  const specs: readonly ContactsSpec[] = options.specs ?? [{ user: 'alice@contoso.test' }, { user: 'bob@contoso.test' }, { user: 'carol@contoso.test' }, { user: 'erin@fabrikam.test' }];
  for (const spec of specs) {
    const user = findUser(spec.user);
    if (!user) continue;
    const seed = deriveSeed(spec.seed ?? options.seed, `contacts:${user.oid}`);
    const random = createRandom(seed);
    const store = new ContactStore({ oid: user.oid, upn: user.upn }, createIdFactory(random, user.oid), options.now);
    const big = user.upn.startsWith('alice@');
    const family = store.addFolder(store.defaultFolderId, 'Family');
    const folders = [store.defaultFolderId, family.id];
    if (big) {
      const clients = store.addFolder(store.defaultFolderId, 'Clients');
      folders.push(clients.id, store.addFolder(clients.id, 'Key accounts').id);
    }
    const count = spec.contactCount ?? (big ? 240 : 12);
    for (let i = 0; i < count; i++) {
      const contact = store.addContact(folders[i % folders.length]!, demoContactFields(random, i));
      // A few photos (contacts/photos); made without the PRNG, so the other demo data stay as they were.
      if (i % 10 === 3) contact.photo = demoPhoto(i);
    }
    stores.set(user.oid, store);
  }
  return stores;
}

/**
 * A small stand-in photo: a PNG signature and a JPEG's SOI marker by turns, then bytes that differ per
 * contact (never decoded: Graph and Ferry pass photos on as bytes).
 */
export function demoPhoto(n: number): { contentType: string; bytes: Buffer } {
  const png = n % 20 === 3;
  const head = png ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) : Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
  const body = Buffer.alloc(512 + (n % 7) * 64, 0);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + n * 17) & 0xff;
  return { contentType: png ? 'image/png' : 'image/jpeg', bytes: Buffer.concat([head, body]) };
}

/** One generated contact's Graph fields. */
export function demoContactFields(random: Random, n: number): Record<string, unknown> {
  const given = random.pick(givenNames);
  const surname = random.pick(surnames);
  const company = random.pick(companies);
  const address = (kind: number) => {
    const [city, state, postalCode, countryOrRegion] = cities[(n + kind) % cities.length]!;
    return { street: `${10 + n} Main St`, city, state, countryOrRegion, postalCode };
  };
  const mail = `${given}.${surname}${n}@${company.toLowerCase().replace(/[^a-z]/g, '')}.test`.toLowerCase();
  const fields: Record<string, unknown> = {
    displayName: `${given} ${surname}`,
    givenName: given,
    surname,
    fileAs: `${surname}, ${given}`,
    companyName: company,
    jobTitle: random.pick(jobTitles),
    emailAddresses: [{ name: `${given} ${surname}`, address: mail }, ...(n % 4 === 0 ? [{ name: mail, address: `${given}${n}@example.test`.toLowerCase() }] : [])],
    businessPhones: n % 3 === 0 ? ['+1 425 555 0100', '+1 425 555 0101'] : ['+1 425 555 0100'],
    homePhones: n % 5 === 0 ? ['+47 22 00 00 00'] : [],
    mobilePhone: n % 2 === 0 ? `+1 206 555 ${String(1000 + n).slice(-4)}` : null,
    businessAddress: address(0),
    homeAddress: n % 3 === 0 ? address(1) : {},
    categories: n % 7 === 0 ? ['Blue category'] : [],
  };
  if (n % 6 === 0) fields.birthday = n % 12 === 0 ? '1980-03-14T00:00:00Z' : '1991-11-01T22:00:00Z';
  if (n % 8 === 0) fields.personalNotes = 'Met at the partner summit.';
  return fields;
}
