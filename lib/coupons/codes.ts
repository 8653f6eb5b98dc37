import { createHmac, randomBytes } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { invalidInput } from '../inputs/validate.js';

/** Coupon codes: the merchant's own, checked; or made for them, at random or derived from "One Coupon Per". */

/** Ecwid caps a code at 128 characters. */
export const MAX_CODE_LENGTH = 128;
/**
 * Ecwid calls codes "alphanumeric" and its own example is "christmas_coupon"; which other characters it
 * accepts is UNVERIFIED, so codes are held to letters, digits, "-" and "_" — what every store takes.
 */
const CODE_CHARACTERS = /^[A-Za-z0-9_-]+$/;
/** Read aloud, typed from a printout or an email: no 0/O, no 1/I. 32 symbols = 5 bits each. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** 12 symbols = 60 bits: unguessable at checkout, short enough to type. */
export const GENERATED_CODE_LENGTH = 12;

/** 12 symbols from 12 bytes; 256 is a multiple of 32, so every symbol is equally likely. */
const symbolsFrom = (bytes: Uint8Array): string =>
  Array.from(bytes.subarray(0, GENERATED_CODE_LENGTH), (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('');

export const randomCode = (prefix: string): string => prefix + symbolsFrom(randomBytes(GENERATED_CODE_LENGTH));

/**
 * The code for "One Coupon Per": the same store, prefix, coupon name and value always give the same code,
 * so a retried step or a re-run cannot make a second coupon (Ecwid refuses the same code twice).
 * Keyed with the app's client secret, so nobody can compute a customer's code from their email; the coupon
 * name is part of it so two Zaps (welcome, birthday) that map the same contact still make two coupons.
 * Changing this derivation changes every merchant's codes: tests pin it.
 */
export const derivedCode = (key: string, storeId: string, prefix: string, name: string, uniqueFor: string): string => {
  const digest = createHmac('sha256', key)
    .update(JSON.stringify([storeId, prefix.toUpperCase(), name, uniqueFor.trim().toLowerCase()]))
    .digest();
  return prefix + symbolsFrom(digest);
};

export const checkCodeText = (z: ZObject, text: string, label: string, maxLength: number): string => {
  if (text.length > maxLength || !CODE_CHARACTERS.test(text)) {
    const problem =
      text.length > maxLength ? `at most ${maxLength} characters long` : 'only letters, digits, "-" and "_"';
    throw invalidInput(z, `${label} must be ${problem} (got "${text.slice(0, 40)}${text.length > 40 ? '…' : ''}").`);
  }
  return text;
};

/** The HMAC key for derived codes: the app's client secret, or (misconfigured deployment) the connection's token. */
export const codeKey = (bundle: Bundle): string =>
  process.env.CLIENT_SECRET || String(bundle.authData?.access_token ?? '');
