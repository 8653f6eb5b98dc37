/**
 * The building blocks of the create actions' property tests: each generated piece is one field's value as Zapier
 * hands it over (`input`) with what a careful human would send for it (`sent`, undefined = nothing), or marked
 * `invalid` when the action must refuse it.
 */
import fc from 'fast-check';

export type Piece<T = any> = { input: unknown; sent?: T; invalid?: true };

/** The input Zapier hands the action: each field's generated value, where it has one. */
export const inputOf = (pieces: Record<string, Piece>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(pieces)
      .filter(([, piece]) => piece.input !== undefined)
      .map(([key, piece]) => [key, piece.input]),
  );

/** Every way Zapier hands over a field left empty. */
export const blank = fc.constantFrom<unknown>(undefined, null, '', '  ', []);
export const omitted = (): fc.Arbitrary<Piece<never>> => blank.map((input) => ({ input }));
export const bad = (...inputs: unknown[]): fc.Arbitrary<Piece<never>> =>
  fc.constantFrom(...inputs).map((input) => ({ input, invalid: true as const }));

/**
 * Mostly valid pieces, now and then a wrong one: each valid arbitrary is drawn `weight` times as often as `wrong`,
 * so that with many fields not every input is refused.
 */
export const mostlyValid =
  <P extends Piece = Piece>(weight: number) =>
  (valid: Array<fc.Arbitrary<unknown>>, wrong?: fc.Arbitrary<unknown>): fc.Arbitrary<P> =>
    fc.oneof(
      ...valid.map((arbitrary) => ({ arbitrary, weight })),
      ...(wrong ? [{ arbitrary: wrong, weight: 1 }] : []),
    ) as fc.Arbitrary<P>;

/** A yes/no field's valid values as Zapier may hand them over (booleans, words in any case, 1/0). */
export const yesNoValues = fc
  .constantFrom<
    [unknown, boolean]
  >([true, true], [false, false], ['yes', true], ['no', false], ['TRUE', true], ['False', false], ['1', true], ['0', false])
  .map(([input, sent]): Piece<boolean> => ({ input, sent }));
/** What a yes/no field must refuse. */
export const notYesNo = bad('maybe', 'y', 2);
