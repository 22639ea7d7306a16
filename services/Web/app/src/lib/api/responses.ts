// Response shapes the services' OpenAPI documents do not describe yet (their endpoints return
// TypedResults inside Task<IResult>, which publishes no schema). Each mirrors the C# record named
// beside it; delete it once the service declares Produces<T>() and `npm run api` generates it.
import type { components as Cases } from './cases';
import type { components as Notifications } from './notifications';
import type { NeedUrgency } from '@/lib/format';

export type RiskLevel = 'Low' | 'Medium' | 'High';
export type CaseStatus = 'Open' | 'Active' | 'Closed';
export type ClientGroup = 'Elderly' | 'Child';
export type ClientCategory =
  | 'EmptyNest' | 'LivesAlone' | 'AdvancedAge' | 'ExtremelyPoor' | 'WidowedOrChildless' | 'ChildInDifficulty' | 'LeftBehind' | 'Disabled';
export type NeedCategory =
  | 'MealDelivery' | 'Companionship' | 'HomeCleaning' | 'Tutoring' | 'Counselling' | 'MedicalCheck' | 'Goods' | 'FinancialAid' | 'Escort';
export type StaffRole = 'Caseworker' | 'Supervisor' | 'Coordinator' | 'DistrictOfficer';
export type StationRole = NonNullable<Cases['schemas']['StationRole']>;
export type AlarmAudience = Notifications['schemas']['AlarmAudience'];
export type AlarmStep = Notifications['schemas']['AlarmStep'];

/** Cases: Caseloads/Caseload.cs CaseloadEntry. */
export interface CaseloadEntry {
  caseId: string;
  status: CaseStatus;
  clientGroup: ClientGroup;
  categories: ClientCategory[];
  riskLevel: RiskLevel | null;
  abilityLevel: number | null;
  openNeeds: number;
  openNeedCategories: NeedCategory[];
  nextVisitDue: string | null;
  visitOverdue: boolean;
  safetyCheckRequired: boolean;
}

/** Cases: Caseloads/Caseload.cs Caseload. */
export interface Caseload {
  caseworkerId: string;
  asOf: string;
  cases: CaseloadEntry[];
}

/** Cases: Staff/StaffEndpoints.cs RosterMember, StationRoster, StaffWritten. */
export interface RosterMember {
  personId: string;
  role: StaffRole;
  name: string | null;
  since: string;
}
export interface StationRoster {
  stationId: string;
  districtCode: string;
  staff: RosterMember[];
}
export interface StaffWritten {
  personId: string;
  version: number;
}

/** Notifications: Inbox/InboxEndpoints.cs InboxItem, InboxPage, InboxUpdated. */
export interface InboxItem {
  id: string;
  position: number;
  rule: string;
  urgency: 'Normal' | 'Urgent';
  language: string;
  title: string;
  body: string;
  actions: string[];
  caseId: string | null;
  parameters: Record<string, string>;
  createdAt: string;
  readAt: string | null;
  acknowledgedAt: string | null;
  acknowledgeBy: string | null;
  escalatedAt: string | null;
  version: number;
}
export interface InboxPage {
  items: InboxItem[];
  page: number;
  pageSize: number;
  total: number;
  unread: number;
}
export interface InboxUpdated {
  id: string;
  version: number;
}

/** Notifications: Alarms/AlarmEndpoints.cs AlarmView, AlarmBoard. */
export interface AlarmView {
  id: string;
  rule: string;
  state: 'unreached' | 'open' | 'acknowledged';
  title: string;
  body: string;
  stationId: string | null;
  caseId: string | null;
  raisedAt: string;
  level: number;
  levelAudience: AlarmAudience | null;
  reached: AlarmStep[];
  nextStepAt: string | null;
  unreachedSince: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedLevel: number | null;
}
export interface AlarmBoard {
  open: number;
  unreached: number;
  items: AlarmView[];
}

// ---- The case file (features/cases) ----

/** Cases: Cases/CaseEvents.cs CaseLocation, CaseClient. */
export interface CaseLocation { district: string; township: string; grid: string }
export interface CaseClient { householdId: string; memberId: string }

/** Cases: Cases/Case.cs CaseNeed. */
export interface CaseNeed {
  id: string;
  category: NeedCategory;
  urgency: NeedUrgency;
  recurrence: Recurrence;
  quantity: number;
  startDate: string;
  note: string | null;
  status: NeedStatus;
  raisedAt: string;
  referralId?: string | null;
  leftUnmatchedAt?: string | null;
}

/** Cases: Cases/Assessing/AssessmentDecisions.cs CaseAssessment. */
export interface CaseAssessment {
  id: string;
  livingSituation: string;
  healthConditions: string[];
  medications: { name: string; dose: string | null }[];
  adlScore: number;
  mentalState: string;
  socialParticipation: string;
  difficultyType: string | null;
  abilityLevel: number;
  riskLevel: RiskLevel;
  assessedBy: string;
  assessedAt: string;
}

export type VisitFrequency = 'Weekly' | 'Fortnightly' | 'Monthly' | 'Quarterly';

/** Cases: Cases/Planning/ServicePlanDecisions.cs ServicePlan. */
export interface ServicePlan {
  id: string;
  goals: string[];
  interventions: string[];
  visitFrequency: VisitFrequency;
  reviewDate: string;
  status: 'Proposed' | 'Draft' | 'Adopted';
  proposedBy: string;
  proposedAt: string;
  sentBackReason: string | null;
  approvedBy: string | null;
  adoptedAt: string | null;
}

/** Cases: Cases/Visiting/VisitDecisions.cs CaseVisit. */
export interface CaseVisit {
  id: string;
  visitedAt: string;
  observations: string;
  concernsRaised: boolean;
  visitedBy: string;
  visitorRole: 'Caseworker' | 'Volunteer';
}

export type ConsentPurpose = 'DeliveryDetailsSharing' | 'Referral' | 'Reporting';

/** Cases: Cases/Consenting/ConsentDecisions.cs CaseConsent. */
export interface CaseConsent {
  id: string;
  givenBy: 'Client' | 'Guardian';
  purpose: ConsentPurpose;
  organisations: string[];
  givenAt: string;
  validUntil: string;
  status: 'Valid' | 'Withdrawn' | 'Expired';
  shared: boolean;
}

/** Cases: Cases/Case.cs Case, as GET /cases/{id} answers it (GettingCaseDetails adds nextVisitDue and visitOverdue). */
export interface CaseFile {
  id: string;
  stationId: string;
  caseworkerId: string;
  clientGroup: ClientGroup;
  categories: ClientCategory[];
  location: CaseLocation;
  status: CaseStatus;
  openedAt: string;
  needs: CaseNeed[];
  closedAt: string | null;
  version: number;
  assessments: CaseAssessment[];
  abilityLevel: number | null;
  riskLevel: RiskLevel | null;
  proposedPlan: ServicePlan | null;
  adoptedPlan: ServicePlan | null;
  visits: CaseVisit[];
  lastVisitAt: string | null;
  activitiesAttended: number;
  client: CaseClient | null;
  consents: CaseConsent[];
  safetyCheckRequired: boolean;
  personalDataErasedAt: string | null;
  nextVisitDue: string | null;
  visitOverdue: boolean;
}

/** Cases: Cases/Timeline/TimelineEndpoint.cs TimelineEntry. */
export interface TimelineEntry {
  version: number;
  at: string;
  recordedAt: string;
  kind: string;
  by: string | null;
  summary: string;
}

/** Cases: any command on a case answers CaseWritten (or its own *Written with the new record's id). */
export interface CaseWritten { caseId: string; version: number }

/** Cases: Households/HouseholdsApi.cs MemberView, HouseholdView (the parts the case file shows). */
export interface HouseholdMemberView {
  memberId: string;
  relationToHead: string;
  gender: string;
  name: string | null;
  birthDate: string | null;
  idNumber: string | null;
  phone: string | null;
}
export interface HouseholdView {
  id: string;
  address: string | null;
  members: HouseholdMemberView[];
  version: number;
}

export type ActivityKind = 'Group' | 'Community';

/** Cases: Activities/ListingActivities/ActivityListEndpoint.cs ActivitySummary, in a page. */
export interface ActivitySummary {
  id: string;
  stationId: string;
  title: string;
  kind: ActivityKind;
  targetGroup: ClientGroup | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  enrolled: number;
}
export interface ActivityPage {
  items: ActivitySummary[];
  page: number;
  pageSize: number;
  total: number;
}

/** Cases: Activities/Activity.cs Activity. */
export interface ActivityDetails {
  id: string;
  stationId: string;
  title: string;
  description: string | null;
  kind: ActivityKind;
  targetGroup: ClientGroup | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  version: number;
  enrolled: string[];
  attendance: { caseId: string; attendedOn: string }[];
}
export interface ActivityWritten { id: string; version: number }

// ---- The needs tab and the referral loop (features/needs, features/referrals) ----

export type Recurrence = 'Once' | 'Daily' | 'Weekly' | 'Monthly';

export type NeedStatus = 'Open' | 'Matched' | 'Fulfilled' | 'Withdrawn';

/** Cases: the part of GET /cases/{id} (Cases/Case.cs Case) the needs tab reads. */
export interface CaseNeeds {
  id: string;
  stationId: string;
  caseworkerId: string;
  status: CaseStatus;
  needs: CaseNeed[];
  version: number;
}

/** Cases: Cases/RaisingNeeds/NeedEndpoints.cs NeedWritten. */
export interface NeedWritten {
  caseId: string;
  needId: string;
  version: number;
}

/** Matching: a reason a candidate fits, with its stable code, in the reader's language. */
export interface MatchReason { code: string; text: string }

/** Matching: Engine/CandidatesEndpoint.cs CandidateView, ExclusionView, CandidatesView. */
export interface CandidateView {
  offerId: string;
  providerId: string;
  providerName: string;
  title: string;
  freeCapacity: number;
  score: number;
  reasons: MatchReason[];
  alreadyTried: boolean;
}

export interface ExclusionView {
  offerId: string;
  rule: string;
  reason: string;
}

export interface CandidatesView {
  needId: string;
  status: string;
  activeReferralId: string | null;
  candidates: CandidateView[];
  excluded: ExclusionView[];
}

export type ReferralStatus =
  | 'AwaitingApproval' | 'AwaitingAcceptance' | 'Accepted' | 'InService' | 'Completed' | 'Declined' | 'Expired' | 'Cancelled';

export type ReferralDeclineReason = 'NoCapacity' | 'NotEligible' | 'OutOfArea' | 'ClientRefused' | 'NotSuitable' | 'Other';

/** Matching: Referrals/ReferralEndpoints.cs ReferralView. */
export interface ReferralView {
  id: string;
  status: ReferralStatus;
  needId: string;
  caseId: string;
  stationId: string;
  caseworkerId: string;
  offerId: string;
  providerId: string;
  providerName: string;
  offerTitle: string;
  category: NeedCategory;
  score: number;
  reasons: string[];
  proposedAt: string;
  dueAt: string | null;
  outcome: string | null;
  declinedBy: 'Caseworker' | 'Provider' | null;
  declineReason: ReferralDeclineReason | null;
  version: number;
  cancelCause?: string | null;
}

/** BuildingBlocks: Http/Paging.cs ListPage<T>. */
export interface ListPage<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** Cases: Dashboards/StationDashboard.cs StationDashboard (every key of every enum present, zero when none). */
export interface StationDashboard {
  stationId: string;
  asOf: string;
  openCases: number;
  openCasesByClientGroup: Record<ClientGroup, number>;
  openCasesByCategory: Record<ClientCategory, number>;
  openCasesByRiskLevel: Record<RiskLevel | 'Unassessed', number>;
  openNeedsByCategory: Record<NeedCategory, number>;
  overdueVisits: number;
  casesOpenedLast30Days: number;
  casesClosedLast30Days: number;
  missedDeliveriesLast7Days: number;
  safetyChecksRequired: number;
}

/** Cases: OverdueVisits/OverdueVisitsEndpoint.cs OverdueVisit. */
export interface OverdueVisit {
  caseId: string;
  caseworkerId: string;
  clientGroup: ClientGroup;
  riskLevel: RiskLevel | null;
  lastVisitAt: string | null;
  nextVisitDue: string;
  daysOverdue: number;
}

export type NeedUrgencyLevel = 'Urgent' | 'Soon' | 'Routine';

/** Cases: OpenNeeds/OpenNeedsEndpoint.cs StationOpenNeed. */
export interface StationOpenNeed {
  caseId: string;
  caseworkerId: string;
  needId: string;
  category: NeedCategory;
  urgency: NeedUrgencyLevel;
  status: NeedStatus;
  raisedAt: string;
}

/** Cases: SituationMap/SituationMap.cs GridSituation and StationSituationMap (JSON form). */
export interface GridSituation {
  district: string;
  township: string;
  grid: string;
  clients: number;
  clientsByGroup: Partial<Record<ClientGroup, number>>;
  clientsByCategory: Partial<Record<ClientCategory, number>>;
  openNeeds: number;
  openNeedsByCategory: Partial<Record<NeedCategory, number>>;
  overdueVisits: number;
  missedDeliveriesLast7Days: number;
  safetyChecksRequired: number;
  centroid: { latitude: number; longitude: number } | null;
}
export interface StationSituationMap {
  stationId: string;
  asOf: string;
  grids: GridSituation[];
}

/** Cases: Stations/Coverage/CoverageEndpoints.cs DistrictCoverageReport, CityCoverageReport. */
export interface DistrictCoverageReport {
  districtCode: string;
  districtName: string;
  townships: number;
  townshipsWithRegisteredStation: number;
  coverage: number;
  stationsRegistered: number;
  stations: number;
}
export interface CityCoverageReport {
  townships: number;
  townshipsWithRegisteredStation: number;
  coverage: number;
  stationsRegistered: number;
  stations: number;
  districts: DistrictCoverageReport[];
}


/** Cases: PlansAwaitingApproval/PlansAwaitingApprovalEndpoint.cs PlanAwaitingApproval. */
export interface PlanAwaitingApproval {
  caseId: string;
  caseworkerId: string;
  clientGroup: ClientGroup;
  categories: ClientCategory[];
  riskLevel: RiskLevel | null;
  grid: string;
  planId: string;
  goals: number;
  visitFrequency: VisitFrequency;
  reviewDate: string;
  proposedBy: string;
  proposedAt: string;
}

/** Cases: Auditing/StationAudit.cs StationAuditEntry. */
export interface StationAuditEntry {
  id: string;
  stationId: string;
  recordKind: 'case' | 'household';
  recordId: string;
  what: 'case' | 'timeline' | 'household' | string;
  readerId: string;
  readerRoles: string[];
  readerStationId: string | null;
  breakGlass: boolean;
  reason: string | null;
  at: string;
}

// ---- Registering households (features/households) ----

/** Cases: Stations/Station.cs Station, as GET /stations/{id} answers it. */
export interface StationView {
  id: string;
  districtCode: string;
  townshipCode: string;
  name: string;
  registeredInNationalSystem: boolean;
  openedAt: string;
  version: number;
}

export type DuplicateReason = 'SameIdNumber' | 'SimilarNameSameBirthDateAndAddress';

/** Cases: Households/Registering/RegisterHouseholdEndpoint.cs PossibleDuplicate, HouseholdRegisteredResponse. */
export interface PossibleDuplicate {
  memberId: string;
  householdId: string;
  likelySameAsMemberId: string;
  likelySameAsHouseholdId: string;
  reason: DuplicateReason;
}
export interface HouseholdRegistered {
  householdId: string;
  version: number;
  memberIds: string[];
  possibleDuplicates: PossibleDuplicate[];
}

/** Cases: Households/Merging/MergeHouseholdsEndpoint.cs HouseholdsMergedResponse. */
export interface HouseholdsMerged {
  householdId: string;
  version: number;
  mergedHouseholdId: string;
  mergedVersion: number;
}

/** Cases: Cases/OpeningCase/OpenCaseEndpoint.cs CaseWritten (POST /cases answers with the case's id). */
export interface CaseOpened { id: string; version: number }
