import { describe, expect, it } from 'vitest';
import { isSearchable, queryKindOf, significantLength } from './query';

describe('reading a client search', () => {
  it.each([
    ['王桂兰', 'Name'],
    ['Wang Guilan', 'Name'],
    ['140222194503120017', 'IdNumber'],
    ['14022219450312001x', 'IdNumber'],
    [' 140222 19450312 001X ', 'IdNumber'],
    ['13800001234', 'Phone'],
    ['+86 138-0000-1234', 'Phone'],
    ['(0352) 6021234', 'Phone'],
    ['王桂兰 138', 'Name'],
  ])('takes %s for a %s, as the service does', (query, kind) => {
    expect(queryKindOf(query)).toBe(kind);
  });

  it('counts a phone by its digits and a name without spaces or dots', () => {
    expect(significantLength('+8 6')).toBe(2);
    expect(significantLength(' 王 ')).toBe(1);
    expect(significantLength('阿·依')).toBe(2);
  });

  it('refuses what is too short to be a full name, an ID number or a phone', () => {
    expect(isSearchable('')).toBe(false);
    expect(isSearchable('   ')).toBe(false);
    expect(isSearchable('王')).toBe(false);
    expect(isSearchable('1')).toBe(false);
    expect(isSearchable('王芳')).toBe(true);
    expect(isSearchable('13800001234')).toBe(true);
  });
});
