/** The operator's API key: taken from the login URL (`?key=…`, then removed from the address bar) or the sign-in form, kept in localStorage. */
const STORAGE_KEY = 'lifecycle-studio.api-key';

/**
 * Reads the key from the current URL (and strips it) or from storage.
 *
 * @example
 * const key = takeApiKey(); // '…' after opening http://localhost:8787/?key=…
 */
export function takeApiKey(): string | undefined {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('key');
  if (fromUrl) {
    localStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('key');
    window.history.replaceState(null, '', url.pathname + (url.search === '?' ? '' : url.search) + url.hash);
    return fromUrl;
  }
  return localStorage.getItem(STORAGE_KEY) ?? undefined;
}

export const storeApiKey = (key: string): void => localStorage.setItem(STORAGE_KEY, key);
export const forgetApiKey = (): void => localStorage.removeItem(STORAGE_KEY);
