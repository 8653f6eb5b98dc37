import { checkLiveOutput, type FieldOrFunction } from '../../tools/publishing/publishing-checks.js';
import App from '../../index.js';
import { ecwidDate, page, perform } from '../helpers.js';

/** The app as Zapier runs it, through createAppTester and Zapier's own output checks. */
export const BEYOND_APP = App;

export { ecwidDate, page, perform };

/**
 * Zapier's live-result checks (T002–T005) for records a trigger returned. Output fields are typed by core
 * (PlainOutputField) in lib/ and loosely in scripts/: one cast here.
 */
export const liveProblems = (key: string, sample: unknown, items: unknown[], outputFields: unknown[]) =>
  checkLiveOutput(key, sample, items, outputFields as FieldOrFunction[]);
