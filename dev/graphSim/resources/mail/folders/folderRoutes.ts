import type { RouteDefinition } from '../../../core/routeTable';
import { folderDelta } from './folderDelta';
import { createFolder, deleteFolder, getFolder, listFolders, moveFolder, updateFolder } from './folderHandlers';

/** mailFolder endpoints (https://learn.microsoft.com/graph/api/resources/mailfolder); `{folder:childFolders}` is the URL's folder path. */
export const folderRoutes: RouteDefinition[] = [
  { method: 'GET', pattern: 'mailFolders', operation: 'mailFolders.list', handler: (c) => listFolders(c) },
  { method: 'POST', pattern: 'mailFolders', operation: 'mailFolders.create', handler: (c) => createFolder(c) },
  { method: 'GET', pattern: 'mailFolders/delta', operation: 'mailFolders.delta', delta: (c) => folderDelta(c) },
  { method: 'GET', pattern: 'mailFolders/{folder:childFolders}', operation: 'mailFolders.get', handler: (c, m) => getFolder(c, m.chains.folder!) },
  { method: 'PATCH', pattern: 'mailFolders/{folder:childFolders}', operation: 'mailFolders.update', handler: (c, m) => updateFolder(c, m.chains.folder!) },
  { method: 'DELETE', pattern: 'mailFolders/{folder:childFolders}', operation: 'mailFolders.delete', handler: (c, m) => deleteFolder(c, m.chains.folder!) },
  { method: 'GET', pattern: 'mailFolders/{folder:childFolders}/childFolders', operation: 'mailFolders.childFolders', handler: (c, m) => listFolders(c, m.chains.folder) },
  { method: 'POST', pattern: 'mailFolders/{folder:childFolders}/childFolders', operation: 'mailFolders.createChild', handler: (c, m) => createFolder(c, m.chains.folder) },
  { method: 'POST', pattern: 'mailFolders/{folder:childFolders}/move', operation: 'mailFolders.move', handler: (c, m) => moveFolder(c, m.chains.folder!) },
];
