import { calendarConvergence } from './collections/calendarConvergence';
import { contactsConvergence } from './collections/contactsConvergence';
import { deviceActions } from './collections/deviceActions';
import { folderActions } from './collections/folderActions';
import { foldersConvergence } from './collections/foldersConvergence';
import { mailConvergence } from './collections/mailConvergence';
import { sendOnce } from './collections/sendOnce';
import type { ConvergenceCollection } from './convergenceCollection';

/**
 * Every collection the chaos suite runs, each under the same bounds. A later collection (the devices'
 * own updates, moves and deletes; sending; calendar; contacts) joins with one line here.
 */
export const chaosCollections: ConvergenceCollection<any>[] = [
  foldersConvergence,
  mailConvergence,
  deviceActions,
  folderActions,
  calendarConvergence,
  contactsConvergence,
  sendOnce,
];
