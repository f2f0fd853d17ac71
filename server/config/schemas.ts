/**
 * Value shapes shared by the configuration catalogue. Each takes the variable's raw text (never
 * blank: an empty variable counts as unset before a schema sees it) and gives the typed value.
 * Messages leave out the variable's name and the value; the loader adds both ("X must …, got "v"").
 */
import { z } from "zod";

/** A whole number from `min` to `max`, written in digits. */
export const wholeNumber = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message));
};

/** A number (fractions allowed) from `min` to `max`. */
export const decimalNumber = (min: number, max: number) => {
  const message = `must be a number from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message));
};

export const port = () => wholeNumber(1, 65_535);

export const postgresUrl = (message = "must be a postgresql:// connection URL") =>
  z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, message);

export const httpUrl = (message = "must be an http:// or https:// URL") =>
  z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && /^https?:\/\//.test(value), message);

export const text = (max = 1_000) => z.string().max(max, `must be at most ${max} characters`);

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .pipe(
      z.enum(values, {
        error: `must be ${values
          .map((v) => `"${v}"`)
          .join(", ")
          .replace(/, ([^,]*)$/, " or $1")}`,
      }),
    );

/** A worker's switch: `off` turns the worker off in this process; unset (or `on`) runs it. */
export const workerSwitch = () => oneOf(["off", "on"]);
