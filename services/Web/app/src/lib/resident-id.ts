// The 18-character resident ID number (居民身份证号码, GB 11643-1999): six digits of the place, eight
// of the birth date, three of the order (odd for men), and an ISO 7064 MOD 11-2 check character.
// The same check as services/Cases ResidentIdNumber, so the form says what the service would.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** The check character (0–9 or X) the first 17 digits call for. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('The check character is computed from 17 digits.');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** What is wrong with a number as typed so far: the form's message for each. */
export type ResidentIdProblem =
  | { kind: 'characters' }
  | { kind: 'length' }
  | { kind: 'checkCharacter'; expected: string };

/** The number as the service stores it: trimmed, a lower-case x made upper-case. */
export function normaliseResidentId(value: string): string {
  return value.trim().toUpperCase();
}

/**
 * Null for a valid number. `complete: false` (while typing) finds only what more typing cannot mend:
 * a wrong character, or a wrong check character once all 18 are there.
 */
export function residentIdProblem(value: string, { complete }: { complete: boolean }): ResidentIdProblem | null {
  const id = normaliseResidentId(value);
  if (!/^\d{0,17}$/.test(id.slice(0, 17)) || (id.length === 18 && !/^[\dX]$/.test(id[17]!)) || id.length > 18)
    return { kind: id.length > 18 ? 'length' : 'characters' };
  if (id.length < 18) return complete ? { kind: 'length' } : null;
  const expected = residentIdCheckCharacter(id.slice(0, 17));
  return id[17] === expected ? null : { kind: 'checkCharacter', expected };
}

/** The birth date (yyyy-mm-dd) a valid number carries, or null when the digits are no real date. */
export function residentIdBirthDate(value: string): string | null {
  const id = normaliseResidentId(value);
  if (residentIdProblem(id, { complete: true }) !== null) return null;
  const [year, month, day] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** The gender a valid number carries: its 17th digit is odd for men, even for women. */
export function residentIdGender(value: string): 'Male' | 'Female' | null {
  const id = normaliseResidentId(value);
  if (residentIdProblem(id, { complete: true }) !== null) return null;
  return Number(id[16]) % 2 === 1 ? 'Male' : 'Female';
}
