// Response shapes the services' OpenAPI documents do not describe yet (their endpoints return
// TypedResults inside Task<IResult>, which publishes no schema). Each mirrors the C# record named
// beside it; delete it once the service declares Produces<T>() and `npm run api` generates it.
import type { components as Cases } from './cases';
import type { components as Notifications } from './notifications';

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
export type NeedStatus = 'Open' | 'Matched' | 'Fulfilled' | 'Withdrawn';

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

export type VisitFrequency = 'Weekly' | 'Fortnightly' | 'Monthly' | 'Quarterly';

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
