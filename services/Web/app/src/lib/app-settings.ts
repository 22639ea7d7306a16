import { useQuery } from '@tanstack/react-query';
import { getJson } from '@/lib/api/fetch';

/** The Web host's settings for the app (services/Web StaticApp/AppSettingsEndpoint.cs): nothing secret. */
export interface AppSettings {
  /** The map's tile URL template ({z}/{x}/{y}), or null: a station may have no internet, so the map draws without. */
  mapTiles: string | null;
}

export function useAppSettings() {
  return useQuery({ queryKey: ['app-settings'], queryFn: () => getJson<AppSettings>('/app-settings'), staleTime: Infinity });
}
