/**
 * Page-numbered lists (users, tenants, alert history): `?page=` from 1 and `?pageSize=`, answered
 * with the page, its size and the total so a pager can say "21–40 of 132". A value that is not a
 * whole number in range is a 400 that names the parameter. Pure.
 */
import { z } from "zod";

export const MAX_PAGE = 1_000_000;

/** A whole number from `min` to `max` as a query string sends it (text); absent → `fallback`. */
const wholeNumber = (what: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return fallback;
      if (!/^\d{1,7}$/.test(text) || Number(text) < min || Number(text) > max) {
        ctx.addIssue({ code: "custom", message: `${what} must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return Number(text);
    });

/** `page` and `pageSize` fields to spread into a route's query schema. */
export function pageFields({ defaultSize, maxSize }: { defaultSize: number; maxSize: number }) {
  return {
    page: wholeNumber("page", 1, MAX_PAGE, 1),
    pageSize: wholeNumber("pageSize", 1, maxSize, defaultSize),
  };
}

export type PageRequest = { page: number; pageSize: number };
export type PageInfo = PageRequest & { total: number };

/** Rows to skip and take for a page (Prisma's skip/take). */
export function pageSlice({ page, pageSize }: PageRequest): { skip: number; take: number } {
  return { skip: (page - 1) * pageSize, take: pageSize };
}
