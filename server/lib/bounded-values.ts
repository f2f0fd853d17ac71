/**
 * Ids and times from a query string or body, bounded to what Postgres stores: a bigint id is
 * 1..9223372036854775807 and a time lies in the years 1..9999. JavaScript reads more (any number
 * of digits, years from −271821 to 275760), and Postgres refuses the rest with an error deep in a
 * query; these schemas refuse it at the edge with a 400 that says what is wrong. Pure.
 */
import { z } from "zod";

export const MAX_BIGINT = 9_223_372_036_854_775_807n;
export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

/** Is `text` the decimal form of a bigint id (1..2^63−1, digits only)? */
export function isBigintId(text: string): boolean {
  if (!/^\d{1,19}$/.test(text)) return false;
  const value = BigInt(text);
  return value >= 1n && value <= MAX_BIGINT;
}

/** A bigint id as text, e.g. a keyset cursor. */
export const bigintIdText = (what: string) =>
  z.string().refine(isBigintId, `${what} must be a whole number from 1 to ${MAX_BIGINT}`);

/** A bigint id as a `bigint`. */
export const bigintId = (what: string) => bigintIdText(what).transform((text) => BigInt(text));

/** Is `date` a real time within the years Postgres and ISO 8601 agree on? */
export function isStorableTime(date: Date): boolean {
  if (Number.isNaN(date.getTime())) return false;
  const year = date.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** A time as text that `new Date` reads and that lies within the years 1..9999; stays text. */
export const storableTimeText = (what: string) =>
  z
    .string()
    .trim()
    .max(40, `${what} is too long for a time`)
    .refine(
      (text) => isStorableTime(new Date(text)),
      `${what} must be an ISO-8601 time in the years ${MIN_YEAR} to ${MAX_YEAR}`,
    );
