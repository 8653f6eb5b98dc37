/** The bounds every poll of a window keeps to, by mode: live, "Test trigger" (sample) and Zap-on seed (dedupe). */

export const HOUR = 3600;
export const DAY = 24 * HOUR;

/** A live poll looks back three days: a weekend of failed polls or a held Zap still loses nothing. */
export const POLL_LOOKBACK_SECONDS = 3 * DAY;
/** At most this many records per live poll; Zapier takes 100 new items a poll and leaves the rest for the next. */
export const POLL_MAX_RECORDS = 1000;
/**
 * The most requests one live poll may make, whatever the store: 4% of Ecwid's 600 a minute, six rounds of four
 * (a few seconds). A store in a run of flash sales needs them: dense slices cost cuts, and with 16 the simulation saw
 * a poll's complete part shrink to ~400 records while Zapier still had 300 to take.
 */
export const POLL_MAX_REQUESTS = 24;

/** "Test trigger" looks further back, step by step, so a quiet store still shows a real record. */
export const SAMPLE_LOOKBACKS_SECONDS = [POLL_LOOKBACK_SECONDS, 31 * DAY, 400 * DAY, 20 * 365 * DAY];
/** The Zap editor takes three records. */
export const SAMPLE_SIZE = 3;

/**
 * Seeding the dedupe table (Zap turned on) reads ids only, and only what a later live poll could return:
 * - on the creation axis (and the deletion axis of /orders/deleted), a record created before the live window's start
 *   never enters a later window, so the seed is the live window itself;
 * - on the update axis, any record can be updated again later (an order paid last month and shipped today), so the
 *   seed reaches back 90 days, newest update first, as far as the 30 s budget allows. An older record that is
 *   updated again would fire once: Ecwid keeps no status history to tell "paid before the Zap was on" apart.
 */
export const DEDUPE_LOOKBACK_SECONDS = 90 * DAY;
export const DEDUPE_MAX_RECORDS = 10_000;
/** Ids-only pages, four at a time: ~150 requests is ~10 s at Ecwid's usual latency, a quarter of a minute's 600. */
export const DEDUPE_MAX_REQUESTS = 150;
/** The seed's second look, at what was updated while it read, may go past that bound by this much. */
export const SEED_CATCH_UP_REQUESTS = 4;
