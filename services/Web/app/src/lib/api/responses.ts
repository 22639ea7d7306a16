// Names for the response shapes the app reads, taken from the services' generated OpenAPI types
// (cases.d.ts, matching.d.ts, volunteers.d.ts, notifications.d.ts: `npm run api`), so a change on the server shows
// up here as a type error. Only what the documents cannot say is written by hand below.
import type { components as CasesApi, operations as CasesOperations } from './cases';
import type { components as MatchingApi } from './matching';
import type { components as NotificationsApi } from './notifications';
import type { components as VolunteersApi } from './volunteers';

type Cases = CasesApi['schemas'];
type Matching = MatchingApi['schemas'];
type Notifications = NotificationsApi['schemas'];
type Volunteers = VolunteersApi['schemas'];

export type RiskLevel = Cases['RiskLevel'];
export type CaseStatus = Cases['CaseStatus'];
export type ClientContact = Cases['ClientContact'];
export type ClientGroup = Cases['ClientGroup'];
export type ClientCategory = Cases['ClientCategory'];
export type NeedCategory = Cases['NeedCategory'];
export type StaffRole = Cases['StaffRole'];
export type StationRole = Cases['StationRole'];
export type AlarmAudience = Notifications['AlarmAudience'];
export type AlarmStep = Notifications['AlarmStep'];

export type CaseloadEntry = Cases['CaseloadEntry'];
export type Caseload = Cases['Caseload'];

export type RosterMember = Cases['RosterMember'];
export type StationRoster = Cases['StationRoster'];
export type StaffWritten = Cases['StaffWritten'];

export type InboxItem = Notifications['InboxItem'];
export type InboxPage = Notifications['InboxPage'];
export type InboxUpdated = Notifications['InboxUpdated'];
export type Channel = Notifications['Channel'];
export type PreferencesView = Notifications['PreferencesView'];
export type WeChatBindingView = Notifications['WeChatBindingView'];

/** The document says string; Alarms/AlarmEndpoints.cs AlarmView.Of writes one of these. */
export type AlarmState = 'unreached' | 'open' | 'acknowledged';
export type AlarmView = Omit<Notifications['AlarmView'], 'state'> & { state: AlarmState };
export type AlarmBoard = Omit<Notifications['AlarmBoard'], 'items'> & { items: AlarmView[] };

// ---- The case file (features/cases) ----

export type CaseLocation = Cases['CaseLocation'];
export type CaseClient = Cases['CaseClient'];
export type CaseNeed = Cases['CaseNeed'];
export type CaseAssessment = Cases['CaseAssessment'];
export type VisitFrequency = Cases['VisitFrequency'];
export type ServicePlan = Cases['ServicePlan'];
export type CaseVisit = Cases['CaseVisit'];
export type ConsentPurpose = Cases['ConsentPurpose'];
export type CaseConsent = Cases['CaseConsent'];

/** GET /cases/{id}: the Case, with nextVisitDue and visitOverdue as of the moment asked about. */
export type CaseFile = CasesOperations['getCasesById']['responses'][200]['content']['application/json'];

export type TimelineEntry = Cases['TimelineEntry'];

/** Any command on a case answers CaseWritten (or its own *Written with the new record's id). */
export type CaseWritten = Cases['CaseWritten'];

export type HouseholdMemberView = Cases['MemberView'];
export type HouseholdView = Cases['HouseholdView'];

export type ActivityKind = Cases['ActivityKind'];
export type ActivitySummary = Cases['ActivitySummary'];
export type ActivityPage = Cases['ListPageOfActivitySummary'];
export type ActivityDetails = Cases['Activity'];
export type ActivityWritten = Cases['ActivityWritten'];

// ---- The needs tab and the referral loop (features/needs, features/referrals) ----

export type Recurrence = Cases['Recurrence'];
export type NeedStatus = Cases['NeedStatus'];

/** The part of GET /cases/{id} the needs tab reads. */
export type CaseNeeds = Pick<CaseFile, 'id' | 'stationId' | 'caseworkerId' | 'status' | 'needs' | 'version'>;

export type NeedWritten = Cases['NeedWritten'];

export type MatchReason = Matching['ReasonView'];
export type CandidateView = Matching['CandidateView'];
export type ExclusionView = Matching['ExclusionView'];
export type CandidatesView = Matching['CandidatesView'];

export type ReferralStatus = Matching['ReferralStatus'];
export type ReferralDeclineReason = Matching['ReferralDeclineReason'];
export type ReferralView = Matching['ReferralView'];

/** BuildingBlocks: Http/Paging.cs ListPage<T> (the documents name one schema per T: ListPageOfX). */
export interface ListPage<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export type StationDashboard = Cases['StationDashboard'];
export type StationSummary = Cases['StationSummary'];
export type OverdueVisit = Cases['OverdueVisit'];
export type NeedUrgencyLevel = Cases['Urgency'];
export type StationOpenNeed = Cases['StationOpenNeed'];
export type GridSituation = Cases['GridSituation'];
export type StationSituationMap = Cases['StationSituationMap'];
export type DistrictCoverageReport = Cases['DistrictCoverageReport'];
export type CityCoverageReport = Cases['CityCoverageReport'];
export type PlanAwaitingApproval = Cases['PlanAwaitingApproval'];
export type StationAuditEntry = Cases['StationAuditEntry'];

// Registering households (features/households).
export type StationView = Cases['Station'];
export type DuplicateReason = Cases['DuplicateReason'];
export type PossibleDuplicate = Cases['PossibleDuplicate'];
export type HouseholdRegistered = Cases['HouseholdRegisteredResponse'];
export type HouseholdsMerged = Cases['HouseholdsMergedResponse'];
export type CaseOpened = Cases['CaseWritten'];

// ---- The provider's portal (features/providers) ----

export type ReferralOutcome = Matching['ReferralOutcome'];
export type OfferView = Matching['OfferView'];
export type OfferStatus = Matching['OfferStatus'];
export type OfferWritten = Matching['OfferWritten'];
export type DirectoryImported = Matching['DirectoryImported'];
export type DirectoryImportNote = Matching['DirectoryImportNote'];

// ---- The dispatch board and the volunteers list (features/dispatch) ----
export type DeliveryListItem = Volunteers['DeliveryListItem'];
export type DeliveryStatus = Volunteers['DeliveryStatus'];
export type RecipientConfirmation = Volunteers['RecipientConfirmation'];
export type DayPlanned = Volunteers['DayPlanned'];
export type DeliveryWritten = Volunteers['DeliveryWritten'];
export type ReassignSuggestions = Volunteers['ReassignSuggestions'];
export type ReassignCandidate = Volunteers['ReassignCandidate'];
export type VolunteerSummary = Volunteers['VolunteerSummary'];
export type VolunteerPage = Volunteers['ListPageOfVolunteerSummary'];
export type BackgroundCheckStatus = Volunteers['BackgroundCheckStatus'];
export type DayMap = Volunteers['DayMap'];
export type MapStop = Volunteers['MapStop'];

// ---- Reports for the bureau (features/reports) ----
export type StationLedger = Cases['StationLedger'];
export type LedgerClientRow = Cases['LedgerClientRow'];
export type CityStatistics = Cases['CityStatistics'];
export type DistrictStatistics = Cases['DistrictStatistics'];
export type AlarmStatistics = Notifications['AlarmStatistics'];
export type DistrictAlarmStatistics = Notifications['DistrictAlarmStatistics'];
export type StationVolunteerHours = Volunteers['StationVolunteerHours'];
