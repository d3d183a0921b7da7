/** What every screen needs from the shell: the API client, navigation and toasts. */
import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client.ts';

/**
 * A toast's text: an i18next key (with values), rendered in whatever language is current while the toast shows,
 * or literal text (a server's error message) shown as given.
 */
export type ToastText = string | { key: string; values?: Record<string, string | number> };

export interface AppServices {
  api: ApiClient;
  navigate(path: string): void;
  toast(text: ToastText, tone?: 'info' | 'success' | 'error'): void;
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
