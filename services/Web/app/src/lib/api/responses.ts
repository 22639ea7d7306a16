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
