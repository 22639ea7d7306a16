import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { body, casesApi, notificationsApi, volunteersApi } from '@/lib/api/clients';
import type { AlarmStatistics, CityStatistics, StationLedger, StationVolunteerHours } from '@/lib/api/responses';

/** 服务台账: the station's month (the clients listed for its own staff). */
export function useStationLedger(stationId: string, month: string) {
  return useQuery({
    queryKey: ['cases', 'stations', stationId, 'ledger', month],
    queryFn: () => body<StationLedger>(casesApi.GET('/stations/{id}/ledger', { params: { path: { id: stationId }, query: { month } } })),
    placeholderData: keepPreviousData,
  });
}

/** The hours the station's volunteers were credited in the month. */
export function useVolunteerHours(stationId: string, month: string) {
  return useQuery({
    queryKey: ['volunteers', 'stations', stationId, 'volunteer-hours', month],
    queryFn: () => body<StationVolunteerHours>(volunteersApi.GET('/stations/{id}/volunteer-hours', {
      params: { path: { id: stationId }, query: { month } },
    })),
    placeholderData: keepPreviousData,
  });
}

/** A district's statistics (a district officer's own), or the city's when no district is named (an admin's). */
export function useStatistics(month: string, district?: string) {
  return useQuery({
    queryKey: ['cases', 'statistics', district ?? 'city', month],
    queryFn: () => body<CityStatistics>(casesApi.GET('/statistics', { params: { query: { month, district } } })),
    placeholderData: keepPreviousData,
  });
}

export function useAlarmStatistics(month: string, district?: string) {
  return useQuery({
    queryKey: ['notifications', 'alarm-statistics', district ?? 'city', month],
    queryFn: () => body<AlarmStatistics>(notificationsApi.GET('/alarm-statistics', { params: { query: { month, district } } })),
    placeholderData: keepPreviousData,
  });
}
