/**
 * `responseFields=total,items(id,email,billingPerson(name))`: keeps only the named fields, at any depth; a list
 * is trimmed element by element. Unknown names are simply absent from the answer, as with Ecwid.
 */
import { wrongParameter } from './api-error.js';

/** Field name → the fields to keep inside it (undefined = keep it whole). */
export type FieldSelection = Map<string, FieldSelection | undefined>;

export function parseResponseFields(text: string): FieldSelection {
  let at = 0;
  const fail = (why: string): never => {
    throw wrongParameter(`Malformed responseFields at position ${at}: ${why}`);
  };
  const skipSpaces = () => {
    while (text[at] === ' ') at++;
  };
  const parseList = (): FieldSelection => {
    const selection: FieldSelection = new Map();
    do {
      skipSpaces();
      const name = /^[A-Za-z0-9_]+/.exec(text.slice(at))?.[0] ?? fail('expected a field name');
      at += name.length;
      skipSpaces();
      let nested: FieldSelection | undefined;
      if (text[at] === '(') {
        at++;
        nested = parseList();
        if (text[at] !== ')') fail("expected ')'");
        at++;
        skipSpaces();
      }
      selection.set(name, nested);
    } while (text[at] === ',' && ++at);
    return selection;
  };
  const selection = parseList();
  if (at !== text.length) fail(`unexpected '${text[at]}'`);
  return selection;
}

export function selectFields(value: unknown, selection: FieldSelection): unknown {
  if (Array.isArray(value)) return value.map((element) => selectFields(element, selection));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const trimmed: Record<string, unknown> = {};
  for (const [name, nested] of selection) {
    if (source[name] === undefined) continue;
    trimmed[name] = nested ? selectFields(source[name], nested) : source[name];
  }
  return trimmed;
}
