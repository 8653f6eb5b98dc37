/** Word lists and small builders for believable people, addresses and catalog names. Reserved domains only. */
import type { Random } from './random.js';
import type { Person } from './types.js';

const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Elijah',
  'Sophia',
  'James',
  'Mia',
  'Lucas',
  'Amelia',
  'Mateo',
  'Harper',
  'Ethan',
  'Zoë',
  'José',
  'Łukasz',
  'Chloé',
  'Søren',
  'Aiko',
  'Priya',
  'Kwame',
  'Fatima',
  'Mei',
];
const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Garcia',
  'Miller',
  'Davis',
  'Martinez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Taylor',
  'Moore',
  'Jackson',
  "O'Neill",
  'Müller',
  'Nowak',
  'Dubois',
  'Rossi',
  'Tanaka',
  'Okafor',
  'Patel',
];
const COMPANIES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella Ltd', 'Stark Goods', 'Wayne Trading', 'Hooli'];
const STREETS = ['Main St', 'Oak Ave', 'Maple Rd', 'Cedar Ln', 'Elm St', 'Lake View Dr', 'Hillcrest Blvd'];

interface Place {
  city: string;
  countryCode: string;
  countryName: string;
  stateOrProvinceCode: string;
  postalCode: string;
}
const PLACES: Place[] = [
  { city: 'Austin', countryCode: 'US', countryName: 'United States', stateOrProvinceCode: 'TX', postalCode: '73301' },
  { city: 'Portland', countryCode: 'US', countryName: 'United States', stateOrProvinceCode: 'OR', postalCode: '97201' },
  { city: 'New York', countryCode: 'US', countryName: 'United States', stateOrProvinceCode: 'NY', postalCode: '10001' },
  { city: 'Toronto', countryCode: 'CA', countryName: 'Canada', stateOrProvinceCode: 'ON', postalCode: 'M5H 2N2' },
  { city: 'London', countryCode: 'GB', countryName: 'United Kingdom', stateOrProvinceCode: '', postalCode: 'SW1A 1AA' },
  { city: 'Berlin', countryCode: 'DE', countryName: 'Germany', stateOrProvinceCode: 'BE', postalCode: '10115' },
  { city: 'Lyon', countryCode: 'FR', countryName: 'France', stateOrProvinceCode: 'ARA', postalCode: '69001' },
  { city: 'Sydney', countryCode: 'AU', countryName: 'Australia', stateOrProvinceCode: 'NSW', postalCode: '2000' },
];

const ADJECTIVES = ['Classic', 'Organic', 'Vintage', 'Handmade', 'Premium', 'Everyday', 'Limited', 'Rustic', 'Modern'];
const NOUNS = [
  'T-Shirt',
  'Hoodie',
  'Mug',
  'Notebook',
  'Candle',
  'Tote Bag',
  'Poster',
  'Cap',
  'Scarf',
  'Coffee Beans',
  'Tea Sampler',
  'Phone Case',
  'Water Bottle',
  'Socks',
  'Backpack',
  'Sticker Pack',
];
export const CATEGORY_NAMES = [
  'Apparel',
  'Home & Living',
  'Stationery',
  'Food & Drink',
  'Accessories',
  'Gifts',
  'Sale',
  'New Arrivals',
  'Kids',
  'Outdoor',
  'Books',
  'Art Prints',
];
export const OPTION_SETS = [
  {
    name: 'Size',
    choices: [
      ['S', 0],
      ['M', 0],
      ['L', 2],
      ['XL', 4],
    ],
  },
  {
    name: 'Color',
    choices: [
      ['Black', 0],
      ['White', 0],
      ['Forest green', 1.5],
    ],
  },
] as const;

export interface NamedPerson {
  firstName: string;
  lastName: string;
  name: string;
}

export function randomName(random: Random): NamedPerson {
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  return { firstName, lastName, name: `${firstName} ${lastName}` };
}

const asciiCache = new Map<string, string>();
/** "Łukasz" → "lukasz"; memoized because names come from short fixed lists. */
function asciiLower(text: string): string {
  let ascii = asciiCache.get(text);
  if (ascii === undefined) {
    ascii = text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ł/gi, 'l')
      .replace(/ø/gi, 'o')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
    asciiCache.set(text, ascii);
  }
  return ascii;
}

/** An ASCII mailbox for a name, made unique by `n`; e.g. "zoe.muller.42@example.com". */
export function emailFor(person: NamedPerson, n: number, domain = 'example.com'): string {
  return `${asciiLower(person.firstName)}.${asciiLower(person.lastName)}.${n}@${domain}`;
}

export function randomPhone(random: Random): string {
  return `+1 555 ${random.int(100, 999)} ${random.int(1000, 9999)}`;
}

/** A full postal address; `companyName` on some. */
export function randomPerson(random: Random, named: NamedPerson = randomName(random)): Person {
  const place = random.pick(PLACES);
  const person: Person = {
    name: named.name,
    firstName: named.firstName,
    lastName: named.lastName,
    street: `${random.int(1, 9999)} ${random.pick(STREETS)}`,
    ...place,
    phone: randomPhone(random),
  };
  if (random.chance(0.15)) person.companyName = random.pick(COMPANIES);
  return person;
}

export function productName(random: Random): string {
  return `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
