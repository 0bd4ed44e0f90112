import type { DeltaRound, DeltaState, RoundEntry } from '../../core/delta/deltaPaging';
import type { DeltaCollection } from '../../core/delta/serveDelta';
import { parseSelect } from '../../core/odataQuery';
import type { HandlerContext } from '../../core/simContext';
import type { ContactFolderRecord, ContactStore } from './contactStore';
import { requireContactStore } from './resolveContacts';
import { contactFolderProperties, contactProperties, toGraphContact, toGraphContactFolder, toPartialGraphContact } from './toGraphContact';

type Round = DeltaRound<Record<string, never>>;

/**
 * One round over a set of ids: the first lists them all; a later one lists the ids new to the client or
 * changed since, then `@removed` for the ids the client holds that left the set (children before
 * parents, as a folder delta must send them).
 */
function startRound(key: string, seq: number, ids: string[], select: string[] | undefined): Round {
  const state: DeltaState<Record<string, never>> = { collection: key, seq, known: new Set(ids), select, params: {} };
  return { state, sinceSeq: seq, entries: ids.map((id) => ({ id, removed: false, partial: false })) };
}

function continueRound(from: DeltaState<Record<string, never>>, seq: number, current: { id: string; changeSeq: number }[], partial: () => boolean = () => false): Round {
  const tracked = new Set(current.map((item) => item.id));
  // Only an item the client already holds may come partial; a new one is always whole.
  const upserts: RoundEntry[] = current
    .filter((item) => !from.known.has(item.id) || item.changeSeq > from.seq)
    .map((item) => ({ id: item.id, removed: false, partial: from.known.has(item.id) && partial() }));
  const removals: RoundEntry[] = [...from.known].filter((id) => !tracked.has(id)).reverse().map((id) => ({ id, removed: true, partial: false }));
  return { state: { ...from, seq, known: tracked }, sinceSeq: from.seq, entries: [...upserts, ...removals] };
}

/**
 * GET /contactFolders/delta (https://learn.microsoft.com/graph/api/contactfolder-delta): the folders
 * below the default Contacts folder. The default folder itself is never in it, as it is not in
 * `/me/contactFolders` (UNVERIFIED: reported for the list, assumed for the delta).
 * UNVERIFIED: whether nested folders are in it; they are unless `contactFolderDeltaTopLevelOnly`.
 * A removed folder comes as `@removed` with reason `deleted` (UNVERIFIED for contact folders).
 */
export function contactFolderDelta(ctx: HandlerContext): DeltaCollection<Record<string, never>> {
  const store = requireContactStore(ctx);
  const tree = () => store.tree(ctx.sim.flags.contactFolderDeltaTopLevelOnly);
  return {
    key: 'contacts.folders',
    path: 'contactFolders/delta',
    itemType: 'contactFolder',
    start: () => startRound('contacts.folders', store.sequence, tree().map((f) => f.id), parseSelect(ctx.request.query.get('$select'), contactFolderProperties, 'contactFolder')),
    continueFrom: (state) => continueRound(state, store.sequence, tree()),
    render: (entry, round) => {
      if (entry.removed) return { id: entry.id, '@removed': { reason: 'deleted' } };
      const folder = store.folders.get(entry.id);
      return folder ? toGraphContactFolder(folder, round.state.select) : undefined;
    },
  };
}

/**
 * GET /contactFolders/{id}/contacts/delta (https://learn.microsoft.com/graph/api/contact-delta): one
 * folder's contacts, its subfolders' not included. `path` is the URL the links repeat: the folder's, or
 * `contacts/delta` for the undocumented `/me/contacts/delta`, which answers the default folder
 * (UNVERIFIED: reported to exist without a folder, https://learn.microsoft.com/en-us/answers/questions/1634378;
 * which folders it covers is not said). Both share one key per folder, so their links are interchangeable.
 * A contact moved out comes as `@removed` (reason `deleted`, as for messages: UNVERIFIED for contacts).
 */
export function contactDelta(ctx: HandlerContext, folder: ContactFolderRecord, path: string): DeltaCollection<Record<string, never>> {
  const store: ContactStore = requireContactStore(ctx);
  const key = `contacts:${folder.id}`;
  return {
    key,
    path,
    itemType: 'contact',
    start: () => startRound(key, store.sequence, store.contactsIn(folder.id).map((c) => c.id), parseSelect(ctx.request.query.get('$select'), contactProperties, 'contact')),
    continueFrom: (state) => continueRound(state, store.sequence, store.contactsIn(folder.id), () => ctx.sim.flags.partialUpdates && ctx.sim.random.chance(0.5)),
    render: (entry, round) => {
      if (entry.removed) return { id: entry.id, '@removed': { reason: 'deleted' } };
      const contact = store.contacts.get(entry.id);
      // Gone or moved since the round started: the next round reports it removed.
      if (!contact || contact.folderId !== folder.id) return undefined;
      return entry.partial ? toPartialGraphContact(contact, round.sinceSeq, round.state.select) : toGraphContact(contact, round.state.select);
    },
  };
}
