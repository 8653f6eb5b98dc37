import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { withinOutputBytes } from '../../../lib/polling/output-bound.js';

describe('withinOutputBytes', () => {
  test('keeps the newest outputs that fit, never half a second, all of them when they fit', () => {
    const arb = fc.array(fc.record({ time: fc.integer({ min: 0, max: 40 }), size: fc.integer({ min: 0, max: 300 }) }), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(arb, fc.integer({ min: 50, max: 5000 }), (rows, maxBytes) => {
        const records = [...rows].sort((a, b) => b.time - a.time);
        const outputs = records.map((r, i) => ({ id: i, pad: 'x'.repeat(r.size) }));
        const kept = withinOutputBytes(records, outputs, (r) => r.time, maxBytes);
        expect(kept).toEqual(outputs.slice(0, kept.length));
        const bytes = Buffer.byteLength(JSON.stringify(kept));
        if (kept.length === outputs.length) {
          expect(Buffer.byteLength(JSON.stringify(outputs))).toBeLessThanOrEqual(maxBytes);
          return;
        }
        const boundary = records[kept.length].time;
        const splitsASecond = kept.length > 0 && records[kept.length - 1].time === boundary;
        if (splitsASecond) {
          // only a second heavier than the bound on its own is split
          expect(kept.every((_, i) => records[i].time === boundary)).toBe(true);
        } else {
          expect(bytes).toBeLessThanOrEqual(maxBytes);
          // the next second would not have fitted
          const withNext = outputs.slice(
            0,
            records.findIndex((r) => r.time < boundary) === -1
              ? outputs.length
              : records.findIndex((r) => r.time < boundary),
          );
          expect(Buffer.byteLength(JSON.stringify(withNext))).toBeGreaterThan(maxBytes);
        }
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED) || undefined },
    );
  });
});
