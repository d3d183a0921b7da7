/** A tiny path router over the History API (the server serves index.html for every page path). */
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'journeys' }
  | { page: 'editor'; id: string }
  | { page: 'templates' }
  | { page: 'template'; id: string }
  | { page: 'customers'; id?: string }
  | { page: 'tasks' };

/**
 * Reads a route from a path.
 *
 * @example
 * parseRoute('/journeys/winback'); // { page: 'editor', id: 'winback' }
 */
export function parseRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'journeys' && parts[1]) return { page: 'editor', id: parts[1] };
  if (parts[0] === 'templates') return parts[1] ? { page: 'template', id: parts[1] } : { page: 'templates' };
  if (parts[0] === 'customers') return parts[1] ? { page: 'customers', id: parts[1] } : { page: 'customers' };
  if (parts[0] === 'tasks') return { page: 'tasks' };
  return { page: 'journeys' };
}

export function useRoute(): [Route, (path: string) => void] {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (to: string) => {
    if (to !== window.location.pathname) window.history.pushState(null, '', to);
    setPath(to);
  };
  return [parseRoute(path), navigate];
}
