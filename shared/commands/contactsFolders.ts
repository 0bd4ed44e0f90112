import { z } from 'zod';
import type { ContactFolder as GraphContactFolder } from '@microsoft/microsoft-graph-types';
import { contactsFoldersRequest, contactsFoldersResponse, type ContactFolder } from '../protocol/schemas/contacts';
import { graphId } from '../protocol/schemas/common';
import { isFerryError } from '../protocol/ferryError';
import { contactFolderDeltaLinkRequest, contactFolderDeltaRequest, contactFolderGetRequest } from '../graph/requests/contactRequests';
import { defineSyncCommand, type AnswerSoFar } from '../sync/defineSyncCommand';
import { resolveDefaultContactFolder } from '../sync/resolveDefaultContactFolder';
import { walkContactChildFolders } from '../sync/walkContactChildFolders';
import { nestedContactFolderDigest } from '../sync/nestedContactFolderDigest';
import type { CommandContext } from '../runtime/commandContext';
import { contactFolderSelectFields, toDeviceContactFolder } from '../translate/toDeviceContactFolder';

/** Contact folder trees are small: one answer carries up to this many folders. */
const folderWindow = 500;

/** The nested-folder digest startsOverWhen took in this call, so a round it starts over does not walk the tree twice. */
const digestsThisCall = new WeakMap<CommandContext, string>();

export const contactsFoldersCommand = defineSyncCommand({
  route: 'contacts/folders',
  functionName: 'contactsFolders',
  summary: 'Sync the contact folder tree',
  description:
    'Returns every contact folder on the first round, the default one (`isDefault: true`, `parentId: null`) included in every round that starts from nothing, then only the changes. `more`, `reset` and `state` follow the sync rules.',
  request: contactsFoldersRequest,
  response: contactsFoldersResponse,
  errors: ['sync_state_invalid', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  stateKind: 'contactFolders',
  stateShape: {
    /** The default folder's id, once resolved (v1.0 leaves it out of the list and the delta). */
    defaultId: graphId.optional(),
    /** Set once a delta answer held a nested folder: the delta reports them, no digest needed. */
    nestedInDelta: z.boolean().optional(),
    /** nestedContactFolderDigest at the round's start, while the delta is not known to report nested folders. */
    nestedDigest: z.string().max(32).optional(),
  },
  collection: () => 'contactFolders',
  // A delta that leaves nested folders out reports none of their changes: a moved digest starts over.
  async startsOverWhen(_input, { context, previous }) {
    if (previous.nestedInDelta) return false;
    const digest = await nestedContactFolderDigest(context.graph);
    digestsThisCall.set(context, digest);
    return digest !== previous.nestedDigest;
  },
  async plan(_input, { context, previous, startsRound, startsOver }) {
    // Resolved in every round that starts over (it is sent in each), and at any round start until found.
    let fetched = startsOver || (startsRound && !previous?.defaultId) ? await defaultFolderFor(context, previous?.defaultId) : undefined;
    let defaultId = fetched?.id ?? previous?.defaultId;
    let nestedDigest = startsOver && !previous?.nestedInDelta ? (digestsThisCall.get(context) ?? (await nestedContactFolderDigest(context.graph))) : previous?.nestedDigest;
    let nestedInDelta = previous?.nestedInDelta;
    const walked = new Set<string>();
    const state = () => ({ defaultId, nestedInDelta, nestedDigest: nestedInDelta ? undefined : nestedDigest });
    return {
      state: state(),
      window: folderWindow,
      startRequest: (maxPageSize) => contactFolderDeltaRequest(contactFolderSelectFields, maxPageSize),
      linkRequest: contactFolderDeltaLinkRequest,
      select: contactFolderSelectFields,
      fillInRequest: (id, missing) => contactFolderGetRequest(id, missing),
      toDevice: (folder: GraphContactFolder): ContactFolder => {
        // A folder below a top one, from the delta itself (not the walk): the delta reports nested folders.
        if (defaultId && folder.id && !walked.has(folder.id) && folder.parentFolderId && folder.parentFolderId !== defaultId) nestedInDelta = true;
        return toDeviceContactFolder(folder, defaultId);
      },
      // A round that starts and ends in one answer saw the whole tree: add the nested folders the delta left out.
      completeRound: async (visible: ReadonlyMap<string, GraphContactFolder>) => {
        const found = await walkContactChildFolders(context.graph, new Map(visible), defaultId ? [defaultId] : [], contactFolderSelectFields);
        for (const folder of found) if (folder.id) walked.add(folder.id);
        return found;
      },
      // The default folder goes with the first answer of a round from nothing, and with the answer that first found it.
      amendAnswer: async (answer: AnswerSoFar<ContactFolder>) => {
        if (answer.reset && !startsOver) {
          // Graph forgot the delta token mid-way: the round went back to nothing, so it must carry the default folder too.
          fetched ??= await defaultFolderFor(context, defaultId);
          defaultId = fetched?.id ?? defaultId;
          if (!nestedInDelta) nestedDigest = await nestedContactFolderDigest(context.graph);
        }
        const folder = fetched;
        const send = folder && (answer.reset || !previous?.defaultId) && !answer.upserts.some((f) => f.id === folder.id);
        return { upserts: send ? [toDeviceContactFolder(folder, folder.id)] : [], state: state() };
      },
    };
  },
});

/**
 * The default folder for this answer: by its known id (it never changes), else resolved anew
 * (resolveDefaultContactFolder). Undefined when nothing resolves it: the next round tries again.
 */
async function defaultFolderFor(context: CommandContext, knownId: string | undefined): Promise<GraphContactFolder | undefined> {
  if (knownId) {
    try {
      const known = await context.graph.send<GraphContactFolder>(contactFolderGetRequest(knownId, contactFolderSelectFields));
      if (known.body.id) return known.body;
    } catch (error) {
      if (!isFerryError(error) || error.code !== 'not_found') throw error;
    }
  }
  const resolved = await resolveDefaultContactFolder(context.graph);
  context.logger.info('contacts.default_folder', { resolvedBy: resolved?.source ?? 'none' });
  return resolved?.folder;
}
