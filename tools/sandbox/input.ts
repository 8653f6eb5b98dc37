/**
 * Reading what a client sent, with Ecwid's 400 WRONG_PARAMETER for anything malformed: query strings (all text)
 * and JSON bodies (typed values). An empty query value (`?email=`) counts as absent.
 */
import { wrongParameter } from './api-error.js';
import { parseDateFilter } from './dates.js';

export class QueryReader {
  constructor(private readonly params: URLSearchParams) {}

  string(name: string): string | undefined {
    const value = this.params.get(name);
    return value === null || value === '' ? undefined : value;
  }

  int(name: string, min = 0): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value) || Number(value) < min)
      throw wrongParameter(`Parameter '${name}' must be an integer ≥ ${min}, got '${value}'`);
    return Number(value);
  }

  number(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n)) throw wrongParameter(`Parameter '${name}' must be a number, got '${value}'`);
    return n;
  }

  boolean(name: string): boolean | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false')
      throw wrongParameter(`Parameter '${name}' must be true or false, got '${value}'`);
    return value === 'true';
  }

  /** Unix seconds, or `"yyyy-MM-dd HH:mm:ss Z"`. */
  date(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const seconds = parseDateFilter(value);
    if (seconds === undefined) {
      throw wrongParameter(`Parameter '${name}' must be unix seconds or 'yyyy-MM-dd HH:mm:ss Z', got '${value}'`);
    }
    return seconds;
  }

  /** The creation and update date bounds that Ecwid's order, cart, product and customer searches all take. */
  dateWindow(): { createdFrom?: number; createdTo?: number; updatedFrom?: number; updatedTo?: number } {
    return {
      createdFrom: this.date('createdFrom'),
      createdTo: this.date('createdTo'),
      updatedFrom: this.date('updatedFrom'),
      updatedTo: this.date('updatedTo'),
    };
  }

  /** A comma-separated list, blanks dropped. */
  list(name: string): string[] | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return items.length > 0 ? items : undefined;
  }

  intList(name: string): number[] | undefined {
    return this.list(name)?.map((item) => {
      if (!/^\d+$/.test(item)) throw wrongParameter(`Parameter '${name}' must list integers, got '${item}'`);
      return Number(item);
    });
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    return checkOneOf(name, value, allowed);
  }

  listOf<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
    return this.list(name)?.map((item) => checkOneOf(name, item, allowed));
  }
}

function checkOneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw wrongParameter(`'${name}' must be one of ${allowed.join(', ')}; got '${value}'`);
  }
  return value as T;
}

/** Typed fields of a JSON request body; every reader returns undefined when the field is absent (or null). */
export class BodyReader {
  /** `prefix` names the enclosing field in error messages ("catalogLimit."). */
  constructor(
    private readonly body: Record<string, unknown>,
    private readonly prefix = '',
  ) {}

  /** The raw object (for copying a nested record such as a person). */
  get raw(): Record<string, unknown> {
    return this.body;
  }

  has(name: string): boolean {
    return this.body[name] !== undefined && this.body[name] !== null;
  }

  private value(name: string): unknown {
    return this.has(name) ? this.body[name] : undefined;
  }

  private fail(name: string, expected: string): never {
    throw wrongParameter(`Field '${this.prefix}${name}' must be ${expected}, got ${JSON.stringify(this.body[name])}`);
  }

  string(
    name: string,
    options: { required?: boolean; maxLength?: number; nonEmpty?: boolean } = {},
  ): string | undefined {
    const value = this.value(name);
    if (value === undefined) {
      if (options.required) throw wrongParameter(`Field '${this.prefix}${name}' is required`);
      return undefined;
    }
    if (typeof value !== 'string') this.fail(name, 'a string');
    if ((options.nonEmpty || options.required) && value.trim() === '')
      throw wrongParameter(`Field '${this.prefix}${name}' must not be empty`);
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      throw wrongParameter(
        `Field '${this.prefix}${name}' must be at most ${options.maxLength} characters long (got ${value.length})`,
      );
    }
    return value;
  }

  number(name: string, min = -Infinity, max = Infinity): number | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.fail(name, `a number${min > -Infinity ? ` ≥ ${min}` : ''}${max < Infinity ? ` and ≤ ${max}` : ''}`);
    }
    return value;
  }

  int(name: string, min = -Infinity): number | undefined {
    const value = this.number(name, min);
    if (value !== undefined && !Number.isInteger(value)) this.fail(name, 'an integer');
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') this.fail(name, 'true or false');
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name);
    return value === undefined ? undefined : checkOneOf(`${this.prefix}${name}`, value, allowed);
  }

  intArray(name: string): number[] | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v))) this.fail(name, 'a list of integers');
    return value as number[];
  }

  stringArray(name: string): string[] | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) this.fail(name, 'a list of strings');
    return value as string[];
  }

  /** A nested object, read with its own BodyReader (field names in errors are prefixed). */
  object(name: string): BodyReader | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) this.fail(name, 'an object');
    return new BodyReader(value as Record<string, unknown>, `${this.prefix}${name}.`);
  }

  /** A list of objects. */
  objectArray(name: string): BodyReader[] | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v)))
      this.fail(name, 'a list of objects');
    return (value as Record<string, unknown>[]).map((v, i) => new BodyReader(v, `${this.prefix}${name}[${i}].`));
  }
}
