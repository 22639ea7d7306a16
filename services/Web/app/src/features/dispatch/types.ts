// Names for the Volunteers service's shapes the dispatch board reads, from its generated OpenAPI types.
import type { components } from '@/lib/api/volunteers';

type Volunteers = components['schemas'];

export type DeliveryListItem = Volunteers['DeliveryListItem'];
export type DeliveryStatus = Volunteers['DeliveryStatus'];
export type DayPlanned = Volunteers['DayPlanned'];
export type DeliveryWritten = Volunteers['DeliveryWritten'];
export type ReassignSuggestions = Volunteers['ReassignSuggestions'];
export type ReassignCandidate = Volunteers['ReassignCandidate'];
export type VolunteerSummary = Volunteers['VolunteerSummary'];
export type VolunteerPage = Volunteers['ListPageOfVolunteerSummary'];
export type BackgroundCheckStatus = Volunteers['BackgroundCheckStatus'];
export type DayMap = Volunteers['DayMap'];
export type MapStop = Volunteers['MapStop'];
