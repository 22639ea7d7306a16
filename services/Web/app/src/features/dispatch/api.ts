import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, notificationsApi, volunteersApi } from '@/lib/api/clients';
import type { AlarmBoard } from '@/lib/api/responses';
import type { DayMap, DayPlanned, DeliveryListItem, DeliveryWritten, ReassignSuggestions, VolunteerPage } from '@/lib/api/responses';

export const dayKey = (stationId: string, date: string) => ['volunteers', 'deliveries', stationId, date] as const;
export const missedAlarmsKey = (stationId: string) => ['notifications', 'alarms', { kind: 'station', stationId }, 'open'] as const;

/** The rules whose alarms are a missed meal (the board keeps them at the top until acknowledged). */
export const MISSED_MEAL_RULES = ['delivery-missed.lives-alone', 'delivery-missed'];

export function useDay(stationId: string, date: string) {
  return useQuery({
    queryKey: dayKey(stationId, date),
    queryFn: () => body<DeliveryListItem[]>(volunteersApi.GET('/deliveries', { params: { query: { date, stationId } } })),
    placeholderData: keepPreviousData,
  });
}

/** The station's open alarms, read again often: a missed meal's alarm is raised by another service moments after the miss. */
export function useOpenAlarms(stationId: string) {
  return useQuery({
    queryKey: missedAlarmsKey(stationId),
    queryFn: () => body<AlarmBoard>(notificationsApi.GET('/stations/{id}/alarms', { params: { path: { id: stationId }, query: { state: 'open' } } })),
    refetchInterval: 5_000,
  });
}

/** Every volunteer of the station, for their names on the board (a station has far fewer than a page's maximum). */
export function useStationVolunteers(stationId: string) {
  return useQuery({
    queryKey: ['volunteers', 'list', stationId, 'all'],
    queryFn: () => body<VolunteerPage>(volunteersApi.GET('/volunteers', { params: { query: { stationId, pageSize: 100 } } })),
  });
}

export function usePlanDay(stationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => body<DayPlanned>(volunteersApi.POST('/deliveries/plan', { body: { date, stationId } })),
    onSettled: (_, __, date) => queryClient.invalidateQueries({ queryKey: dayKey(stationId, date) }),
  });
}

export function useReassignSuggestions(deliveryId: string | null) {
  return useQuery({
    queryKey: ['volunteers', 'deliveries', deliveryId, 'reassign-suggestions'],
    queryFn: () => body<ReassignSuggestions>(volunteersApi.GET('/deliveries/{id}/reassign-suggestions', { params: { path: { id: deliveryId! } } })),
    enabled: deliveryId !== null,
    staleTime: 0,
  });
}

export interface ReassignValues {
  volunteerId?: string;
  reason?: string;
}

export function useReassign(stationId: string, date: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, values }: { id: string; values: ReassignValues }) => body<DeliveryWritten>(volunteersApi.POST('/deliveries/{id}/reassign', {
      params: { path: { id } },
      // Left out when none is chosen: the server's 400 then names the field beside it.
      body: { volunteerId: values.volunteerId as string, reason: values.reason?.trim() || null },
    })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dayKey(stationId, date) }),
  });
}

export function useAcknowledgeAlarm(stationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => body<unknown>(notificationsApi.POST('/stations/{id}/alarms/{alarmId}/acknowledge',
      { params: { path: { id: stationId, alarmId: id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: missedAlarmsKey(stationId) }),
  });
}

/** Where the day's live changes come from (server-sent events, through the host). */
export const dayStreamUrl = (stationId: string, date: string) =>
  `/api/volunteers/deliveries/stream?date=${encodeURIComponent(date)}&stationId=${encodeURIComponent(stationId)}`;

/** Where the day's deliveries are: read once per date (places do not move), joined to the live list by id. */
export function useDayMap(stationId: string, date: string) {
  return useQuery({
    queryKey: ['volunteers', 'deliveries', stationId, date, 'map'],
    queryFn: () => body<DayMap>(volunteersApi.GET('/deliveries/map', { params: { query: { date, stationId } } })),
  });
}
