import { describe, expect, it } from 'vitest';
import {
  normaliseResidentId, residentIdBirthDate, residentIdCheckCharacter, residentIdGender, residentIdProblem,
} from './resident-id';

// The standard's own example (GB 11643-1999, appendix): 11010519491231002X.
const EXAMPLE = '11010519491231002X';

describe('residentIdCheckCharacter', () => {
  it('gives the standard example its X', () => {
    expect(residentIdCheckCharacter(EXAMPLE.slice(0, 17))).toBe('X');
  });

  it('agrees with the weights written out once more', () => {
    // The weights written out independently (2^(17-i) mod 11), as the service has them.
    expect(residentIdCheckCharacter('14021319450312002')).toBe(sum('14021319450312002'));
  });

  it('refuses anything but 17 digits', () => {
    expect(() => residentIdCheckCharacter('1234')).toThrow();
  });
});

describe('residentIdProblem', () => {
  it('passes a valid number, a lower-case x too', () => {
    expect(residentIdProblem(EXAMPLE, { complete: true })).toBeNull();
    expect(residentIdProblem(EXAMPLE.toLowerCase(), { complete: true })).toBeNull();
    expect(residentIdProblem(` ${EXAMPLE} `, { complete: true })).toBeNull();
  });

  it('names the check character the first 17 digits call for', () => {
    expect(residentIdProblem('110105194912310021', { complete: false })).toEqual({ kind: 'checkCharacter', expected: 'X' });
  });

  it('says nothing of a short number while it is typed, and asks for 18 once it is complete', () => {
    expect(residentIdProblem('1101051949', { complete: false })).toBeNull();
    expect(residentIdProblem('1101051949', { complete: true })).toEqual({ kind: 'length' });
  });

  it('finds a wrong character at once', () => {
    expect(residentIdProblem('11010A', { complete: false })).toEqual({ kind: 'characters' });
    expect(residentIdProblem('11010519491231002Y', { complete: false })).toEqual({ kind: 'characters' });
    expect(residentIdProblem('1101051949123100X2', { complete: false })).toEqual({ kind: 'characters' });
    expect(residentIdProblem('11010519491231002X1', { complete: false })).toEqual({ kind: 'length' });
  });
});

describe('what a valid number carries', () => {
  it('reads the birth date and the gender', () => {
    expect(residentIdBirthDate(EXAMPLE)).toBe('1949-12-31');
    expect(residentIdGender(EXAMPLE)).toBe('Female');
    const man = '14021319450312001';
    expect(residentIdGender(man + residentIdCheckCharacter(man))).toBe('Male');
  });

  it('reads nothing from an invalid number or an impossible date', () => {
    expect(residentIdBirthDate('110105194912310021')).toBeNull();
    const february30 = '11010519490230002';
    expect(residentIdBirthDate(february30 + residentIdCheckCharacter(february30))).toBeNull();
  });

  it('normalises as the service stores it', () => {
    expect(normaliseResidentId(' 11010519491231002x ')).toBe(EXAMPLE);
  });
});

/** The MOD 11-2 sum written out once more, independently of the code under test. */
function sum(first17: string): string {
  const weights = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
  const total = [...first17].reduce((acc, digit, i) => acc + Number(digit) * weights[i]!, 0);
  return '10X98765432'[total % 11]!;
}
