// The Barthel index (巴氏指数, ADL) as the assessment form scores it, and the ability and risk
// levels the Cases service derives from it (services/Cases/Cases/Assessing/AbilityAndRisk.cs).
// The form shows them live; the service decides them again on submit, so the two must agree.

export type LivingSituation =
  | 'LivesAlone' | 'WithSpouse' | 'WithChildren' | 'WithParents' | 'WithGrandparents' | 'WithOtherRelatives' | 'InInstitution';
export type MentalState = 'Clear' | 'MildImpairment' | 'ModerateImpairment' | 'SevereImpairment';
export type SocialParticipation = 'Active' | 'Occasional' | 'Isolated';
export type DifficultyType = 'Poverty' | 'Disability' | 'LackOfGuardianship';
export type RiskLevel = 'Low' | 'Medium' | 'High';

export const LIVING_SITUATIONS: LivingSituation[] = [
  'LivesAlone', 'WithSpouse', 'WithChildren', 'WithParents', 'WithGrandparents', 'WithOtherRelatives', 'InInstitution',
];
export const MENTAL_STATES: MentalState[] = ['Clear', 'MildImpairment', 'ModerateImpairment', 'SevereImpairment'];
export const SOCIAL_PARTICIPATIONS: SocialParticipation[] = ['Active', 'Occasional', 'Isolated'];
export const DIFFICULTY_TYPES: DifficultyType[] = ['Poverty', 'Disability', 'LackOfGuardianship'];

/** The ten activities of daily living and the scores each may take (Mahoney & Barthel 1965; 100 in all). */
export const BARTHEL_ITEMS = [
  { key: 'feeding', scores: [0, 5, 10] },
  { key: 'bathing', scores: [0, 5] },
  { key: 'grooming', scores: [0, 5] },
  { key: 'dressing', scores: [0, 5, 10] },
  { key: 'bowels', scores: [0, 5, 10] },
  { key: 'bladder', scores: [0, 5, 10] },
  { key: 'toiletUse', scores: [0, 5, 10] },
  { key: 'transfers', scores: [0, 5, 10, 15] },
  { key: 'mobility', scores: [0, 5, 10, 15] },
  { key: 'stairs', scores: [0, 5, 10] },
] as const;

export type BarthelItem = (typeof BARTHEL_ITEMS)[number]['key'];
export type BarthelAnswers = Partial<Record<BarthelItem, number>>;

export const BARTHEL_MAX = BARTHEL_ITEMS.reduce((sum, item) => sum + Math.max(...item.scores), 0);

/** How many of the ten items are answered. */
export function answeredItems(answers: BarthelAnswers): number {
  return BARTHEL_ITEMS.filter((item) => isItemScore(item.key, answers[item.key])).length;
}

function isItemScore(item: BarthelItem, score: number | undefined): score is number {
  const allowed: readonly number[] = BARTHEL_ITEMS.find((i) => i.key === item)?.scores ?? [];
  return score !== undefined && allowed.includes(score);
}

/** The sum of the answered items (unanswered count as 0, a score an item cannot take is ignored). */
export function barthelTotal(answers: BarthelAnswers): number {
  return BARTHEL_ITEMS.reduce((sum, item) => {
    const score = answers[item.key];
    return sum + (isItemScore(item.key, score) ? score : 0);
  }, 0);
}

export const INTACT_LEVEL = 0;
export const TOTALLY_IMPAIRED_LEVEL = 4;
export type AbilityLevel = 0 | 1 | 2 | 3 | 4;
export const ABILITY_LEVELS: AbilityLevel[] = [0, 1, 2, 3, 4];

/** 0 to 100 in steps of 5: what the service accepts as a Barthel score. */
export function isBarthelScore(adl: number): boolean {
  return Number.isInteger(adl) && adl >= 0 && adl <= 100 && adl % 5 === 0;
}

/**
 * 能力等级 after GB/T 42195-2022, as the service approximates it: by self-care (100 → 0 intact,
 * 65–95 → 1, 45–60 → 2, 25–40 → 3, 0–20 → 4), then one level up for moderate cognitive
 * impairment, and one up but at least 2 for severe.
 */
export function abilityLevel(adl: number, mentalState: MentalState): AbilityLevel {
  if (!isBarthelScore(adl)) throw new RangeError(`A Barthel ADL score is 0 to 100 in steps of 5; ${adl} is not one.`);
  const bySelfCare = adl === 100 ? 0 : adl >= 65 ? 1 : adl >= 45 ? 2 : adl >= 25 ? 3 : 4;
  switch (mentalState) {
    case 'ModerateImpairment': return Math.min(bySelfCare + 1, TOTALLY_IMPAIRED_LEVEL) as AbilityLevel;
    case 'SevereImpairment': return Math.min(Math.max(bySelfCare + 1, 2), TOTALLY_IMPAIRED_LEVEL) as AbilityLevel;
    default: return bySelfCare as AbilityLevel;
  }
}

/** The risk level, the first rule that holds (High, then Medium, else Low), as the service decides it. */
export function riskLevel(
  ability: AbilityLevel, living: LivingSituation, participation: SocialParticipation, difficulty?: DifficultyType | null,
): RiskLevel {
  const alone = living === 'LivesAlone';
  const isolated = participation === 'Isolated';
  const unguarded = difficulty === 'LackOfGuardianship';
  if (ability >= 3 || (alone && ability >= 2) || (alone && isolated) || (unguarded && isolated)) return 'High';
  if (ability >= 1 || isolated || unguarded) return 'Medium';
  return 'Low';
}

/** What the form shows while it is filled: the total so far, and the levels once the answers that decide them are given. */
export interface LiveAssessment {
  total: number;
  answered: number;
  complete: boolean;
  ability: AbilityLevel | null;
  risk: RiskLevel | null;
}

export function liveAssessment(values: {
  barthel?: BarthelAnswers; mentalState?: MentalState; livingSituation?: LivingSituation;
  socialParticipation?: SocialParticipation; difficultyType?: DifficultyType | null;
}): LiveAssessment {
  const answers = values.barthel ?? {};
  const total = barthelTotal(answers);
  const answered = answeredItems(answers);
  const ability = values.mentalState ? abilityLevel(total, values.mentalState) : null;
  const risk = ability !== null && values.livingSituation && values.socialParticipation
    ? riskLevel(ability, values.livingSituation, values.socialParticipation, values.difficultyType)
    : null;
  return { total, answered, complete: answered === BARTHEL_ITEMS.length, ability, risk };
}
