import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, volunteersApi } from '@/lib/api/clients';
import { isApiProblem } from '@/lib/api/problem';
import type { components } from '@/lib/api/volunteers';
import { fetchMe, meKey, type Me } from '@/features/auth/api';
import { setCsrfToken } from '@/lib/api/session-headers';
import { loadCached, saveCached } from './store';

export type FieldTask = components['schemas']['TaskView'];
export type HoursStatement = components['schemas']['HoursStatement'];
export type VolunteerRecord = components['schemas']['VolunteerView'];
export type Slot = components['schemas']['AvailabilitySlot'];
export type DayOfWeek = components['schemas']['DayOfWeek'];

export const tasksKey = (volunteerId: string) => ['volunteers', volunteerId, 'tasks'] as const;
export const hoursKey = (volunteerId: string) => ['volunteers', volunteerId, 'hours'] as const;
export const volunteerKey = (volunteerId: string) => ['volunteers', volunteerId] as const;

/**
 * A read that the phone keeps: each answer is saved in IndexedDB, and when the network is not
 * there the last one saved answers instead. Queries run offline too (networkMode 'always'), or
 * TanStack Query would wait for a network that may not come.
 */
function kept<T>(key: readonly string[], read: () => Promise<T>) {
  return {
    queryKey: key,
    networkMode: 'always' as const,
    queryFn: async (): Promise<T> => {
      const cacheKey = key.join(':');
      try {
        const data = await read();
        await saveCached(cacheKey, data);
        return data;
      } catch (error) {
        if (!isApiProblem(error)) {
          const saved = await loadCached<T>(cacheKey);
          if (saved !== undefined) return saved;
        }
        throw error;
      }
    },
    retry: false,
  };
}

/**
 * Who is signed in, kept on the phone: a reload with no network still opens the day (the session
 * cookie is checked again by every call once the network is back).
 */
export function useFieldMe() {
  return useQuery({
    ...kept<Me | null>([...meKey], async () => {
      const me = await fetchMe();
      return me;
    }),
    select: (me: Me | null) => {
      if (me) setCsrfToken(me.csrfToken);
      return me;
    },
  });
}

export function useFieldTasks(volunteerId: string) {
  return useQuery(kept(tasksKey(volunteerId), () =>
    body<FieldTask[]>(volunteersApi.GET('/volunteers/{id}/tasks', { params: { path: { id: volunteerId } } }))));
}

export function useHours(volunteerId: string) {
  return useQuery(kept(hoursKey(volunteerId), () =>
    body<HoursStatement>(volunteersApi.GET('/volunteers/{id}/hours', { params: { path: { id: volunteerId } } }))));
}

export function useVolunteer(volunteerId: string) {
  return useQuery(kept(volunteerKey(volunteerId), () =>
    body<VolunteerRecord>(volunteersApi.GET('/volunteers/{id}', { params: { path: { id: volunteerId } } }))));
}

/** The week's availability is set whole; sent at once when online (offline, the page queues it instead). */
export function useSetAvailability(volunteerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (slots: Slot[]) => volunteersApi.PUT('/volunteers/{id}/availability', {
      params: { path: { id: volunteerId } },
      body: { slots: slots.map((s) => ({ days: s.days, from: s.from, to: s.to })) },
    }),
    onSuccess: () => client.invalidateQueries({ queryKey: volunteerKey(volunteerId) }),
  });
}

/** A link that opens the place in the phone's map app: geo: for Android, with Amap's web URI as the fallback. */
export function mapLinks(position: { latitude: number; longitude: number }, label: string): { geo: string; amap: string } {
  const { latitude, longitude } = position;
  return {
    geo: `geo:${latitude},${longitude}?q=${latitude},${longitude}(${encodeURIComponent(label)})`,
    amap: `https://uri.amap.com/marker?position=${longitude},${latitude}&name=${encodeURIComponent(label)}&coordinate=wgs84&callnative=1`,
  };
}
