/** What every screen needs from the shell: the API client, navigation and toasts. */
import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client.ts';

export interface AppServices {
  api: ApiClient;
  navigate(path: string): void;
  toast(message: string, tone?: 'info' | 'success' | 'error'): void;
}

export const AppContext = createContext<AppServices | undefined>(undefined);

/**
 * The shell's services.
 *
 * @example
 * const { api, navigate } = useApp();
 */
export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp: no AppContext provider above this component');
  return services;
}
