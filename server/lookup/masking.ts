/**
 * Masking of member health data (PHI) for people without `entity.read_unmasked` in the tenant.
 * Pure and total: every function accepts null/undefined and returns null for it, so callers can
 * map whole records without branching. The mask character is fixed so tests and UI agree.
 */
export const MASK = "•";

const LETTERS = /\p{L}+/gu;

/** "John Smith" → "J••• S••••": each word keeps its first letter, punctuation and spaces stay. */
export function maskName(name: string | null | undefined): string | null {
  if (name == null) return null;
  return name.trim().replace(LETTERS, (word) => word[0] + MASK.repeat(word.length - 1));
}

/** Date of birth → the year only ("1984-••-••"); anything unparseable is fully masked. */
export function maskDateOfBirth(dateOfBirth: string | Date | null | undefined): string | null {
  if (dateOfBirth == null) return null;
  const iso = dateOfBirth instanceof Date ? dateOfBirth.toISOString() : dateOfBirth.trim();
  const year = /^(\d{4})-\d{2}-\d{2}/.exec(iso)?.[1];
  return year ? `${year}-${MASK.repeat(2)}-${MASK.repeat(2)}` : MASK.repeat(10);
}

export type Address = { line1: string; line2?: string | null; city: string; state: string; postalCode: string };

/**
 * Street lines are hidden; city and state stay (they locate the pipeline's data, not the person);
 * the postal code keeps its first three digits, as HIPAA's Safe Harbor rule allows.
 */
export function maskAddress(address: Address | null | undefined): Address | null {
  if (address == null) return null;
  const zip = address.postalCode.trim();
  return {
    line1: MASK.repeat(6),
    line2: address.line2 ? MASK.repeat(6) : null,
    city: address.city,
    state: address.state,
    postalCode: zip.slice(0, 3) + MASK.repeat(Math.max(zip.length - 3, 0)),
  };
}

/** A free-text street address → every letter and digit masked, the shape kept. */
export function maskStreet(street: string | null | undefined): string | null {
  if (street == null) return null;
  return street.replace(/[\p{L}\p{N}]/gu, MASK);
}

/** "john.smith@example.com" → "j•••@example.com". */
export function maskEmail(email: string | null | undefined): string | null {
  if (email == null) return null;
  const at = email.lastIndexOf("@");
  if (at < 1) return MASK.repeat(Math.max(email.length, 3));
  return `${email[0]}${MASK.repeat(3)}${email.slice(at)}`;
}

/** Phone numbers, member and national ids → only the last four digits (at most half of them) stay. */
export function maskTrailing(value: string | null | undefined, keep = 4): string | null {
  if (value == null) return null;
  const digits = value.replace(/\D/g, "");
  const shown = Math.min(keep, Math.floor(digits.length / 2));
  return MASK.repeat(digits.length - shown) + digits.slice(digits.length - shown);
}
