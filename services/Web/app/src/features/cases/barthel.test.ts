import { describe, expect, it } from 'vitest';
import {
  abilityLevel, answeredItems, BARTHEL_ITEMS, BARTHEL_MAX, barthelTotal, isBarthelScore, liveAssessment, riskLevel,
  type BarthelAnswers,
} from './barthel';

const fullMarks: BarthelAnswers = Object.fromEntries(BARTHEL_ITEMS.map((i) => [i.key, Math.max(...i.scores)]));

describe('the Barthel index', () => {
  it('has ten items worth 100 in all, each in steps of 5', () => {
    expect(BARTHEL_ITEMS).toHaveLength(10);
    expect(BARTHEL_MAX).toBe(100);
    expect(barthelTotal(fullMarks)).toBe(100);
    for (const item of BARTHEL_ITEMS) expect(item.scores.every((s) => s % 5 === 0)).toBe(true);
  });

  it('adds the answered items and counts how many are answered', () => {
    const answers: BarthelAnswers = { feeding: 10, transfers: 15, stairs: 0 };
    expect(barthelTotal(answers)).toBe(25);
    expect(answeredItems(answers)).toBe(3);
    expect(barthelTotal({})).toBe(0);
  });

  it('ignores a score an item cannot take', () => {
    expect(barthelTotal({ bathing: 10, feeding: 7 })).toBe(0);
    expect(answeredItems({ bathing: 10 })).toBe(0);
  });

  it('accepts 0 to 100 in steps of 5 only', () => {
    expect(isBarthelScore(0)).toBe(true);
    expect(isBarthelScore(100)).toBe(true);
    expect(isBarthelScore(55)).toBe(true);
    expect(isBarthelScore(52)).toBe(false);
    expect(isBarthelScore(105)).toBe(false);
    expect(isBarthelScore(-5)).toBe(false);
  });
});

describe('the ability level, as the service derives it', () => {
  it.each([
    [100, 0], [95, 1], [65, 1], [60, 2], [45, 2], [40, 3], [25, 3], [20, 4], [0, 4],
  ] as const)('ADL %i with a clear mind is level %i', (adl, level) => {
    expect(abilityLevel(adl, 'Clear')).toBe(level);
    expect(abilityLevel(adl, 'MildImpairment')).toBe(level);
  });

  it('goes one level up for moderate cognitive impairment, never past 4', () => {
    expect(abilityLevel(100, 'ModerateImpairment')).toBe(1);
    expect(abilityLevel(50, 'ModerateImpairment')).toBe(3);
    expect(abilityLevel(10, 'ModerateImpairment')).toBe(4);
  });

  it('goes one level up but at least to 2 for severe cognitive impairment', () => {
    expect(abilityLevel(100, 'SevereImpairment')).toBe(2);
    expect(abilityLevel(80, 'SevereImpairment')).toBe(2);
    expect(abilityLevel(30, 'SevereImpairment')).toBe(4);
  });

  it('refuses a score that is not a Barthel score', () => {
    expect(() => abilityLevel(52, 'Clear')).toThrow(RangeError);
  });
});

describe('the risk level, as the service derives it', () => {
  it('is high for severe impairment, for living alone impaired or isolated, and for an isolated unguarded child', () => {
    expect(riskLevel(3, 'WithSpouse', 'Active')).toBe('High');
    expect(riskLevel(2, 'LivesAlone', 'Active')).toBe('High');
    expect(riskLevel(0, 'LivesAlone', 'Isolated')).toBe('High');
    expect(riskLevel(0, 'WithGrandparents', 'Isolated', 'LackOfGuardianship')).toBe('High');
  });

  it('is medium for any impairment, isolation or lack of guardianship', () => {
    expect(riskLevel(1, 'LivesAlone', 'Active')).toBe('Medium');
    expect(riskLevel(2, 'WithSpouse', 'Occasional')).toBe('Medium');
    expect(riskLevel(0, 'WithChildren', 'Isolated')).toBe('Medium');
    expect(riskLevel(0, 'WithGrandparents', 'Active', 'LackOfGuardianship')).toBe('Medium');
  });

  it('is low otherwise', () => {
    expect(riskLevel(0, 'LivesAlone', 'Active')).toBe('Low');
    expect(riskLevel(0, 'WithParents', 'Occasional', 'Poverty')).toBe('Low');
  });
});

describe('the live assessment the form shows', () => {
  it('has a total from the first answer, and the levels once their answers are given', () => {
    expect(liveAssessment({})).toEqual({ total: 0, answered: 0, complete: false, ability: null, risk: null });
    expect(liveAssessment({ barthel: { feeding: 10 }, mentalState: 'Clear' }))
      .toEqual({ total: 10, answered: 1, complete: false, ability: 4, risk: null });
    expect(liveAssessment({ barthel: fullMarks, mentalState: 'Clear', livingSituation: 'LivesAlone', socialParticipation: 'Active' }))
      .toEqual({ total: 100, answered: 10, complete: true, ability: 0, risk: 'Low' });
  });
});
