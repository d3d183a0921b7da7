/** The server's HTTP API as the editor uses it: typed calls under /v1 with the bearer key, errors as ApiError. */
import type { Diagnostic } from '../../dsl/diagnostics.ts';
import type { JourneyDocument, JourneyDocumentInput } from '../../dsl/schema/document.ts';
import type { ParamValue } from '../../dsl/schema/params.ts';

/** An error answer of the server: `{ error: { code, message, path? } }`, plus diagnostics when it sends them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
    readonly diagnostics?: Diagnostic[],
  ) {
    super(message);
  }
}

export type JourneyStatus = 'draft' | 'live' | 'paused' | 'archived';

export interface JourneySummary {
  id: string;
  name: { zh: string; en: string };
  status: JourneyStatus;
  liveVersion: number | null;
  latestVersion?: number | null;
  draftRevision: number;
  updatedAt?: string;
}

export interface JourneyDetail extends JourneySummary {
  createdAt?: string;
  /** The draft as last saved; it may still be incomplete, so it is checked before use. */
  draft: { document: unknown; text: string | null; revision: number; diagnostics: Diagnostic[] };
  versions: { version: number; publishedAt?: string; policy?: 'finish' | 'migrate' }[];
}

export interface StageNote {
  stage: string;
  name?: { zh: string; en: string };
  purpose?: { zh: string; en: string };
  actions?: { zh: string; en: string };
  channels?: { zh: string; en: string } | string[];
  kpis?: { zh: string; en: string };
}

export interface TemplateSummary {
  id: string;
  name: { zh: string; en: string };
  description?: { zh: string; en: string };
  stages?: { id: string; name: { zh: string; en: string } }[];
}

export interface TemplateDetail extends TemplateSummary {
  manifest?: Record<string, unknown>;
  notes?: StageNote[] | Record<string, Omit<StageNote, 'stage'>>;
  journeys: JourneyDocument[];
  params: Record<string, { type: string; default: ParamValue; values?: string[]; label?: { zh: string; en: string }; description?: { zh: string; en: string }; min?: number; max?: number }>;
}

export interface StatsAnswer {
  nodes?: Record<string, { current?: number; entered?: number; passed?: number }>;
  stages?: { now?: Record<string, number>; daily?: { date: string; counts: Record<string, number> }[] };
  transitions?: { from: string; to: string; count: number }[];
  goals?: Record<string, { reached?: number; converted?: number }>;
}

export interface TaskItem {
  id: string;
  title: string;
  customerId: string;
  journeyId?: string;
  node?: string;
  assignee?: string;
  status: 'open' | 'done' | 'postponed' | string;
  dueAt?: string | number;
  note?: string;
  createdAt?: string | number;
}

export interface TimelineItem {
  at: string | number;
  kind: string;
  journeyId?: string;
  node?: string;
  event?: string;
  stage?: string;
  detail?: unknown;
  [key: string]: unknown;
}

export interface CustomerProfile {
  id?: string;
  customerId?: string;
  profile?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  tags?: string[];
  journeys?: Record<string, { node?: string; stage?: string; status?: string; version?: number }> | { journeyId: string; node?: string; stage?: string; status?: string }[];
}

/** Unwraps `{ items }`, `{ journeys }` and similar list envelopes, so the UI does not care which the server chose. */
function listOf<T>(body: unknown, ...keys: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    for (const key of [...keys, 'items', 'data']) {
      const value = (body as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value as T[];
    }
  }
  return [];
}

export interface ApiClient {
  me(): Promise<{ name?: string; role?: string; id?: string }>;
  listJourneys(query?: { q?: string; status?: string }): Promise<JourneySummary[]>;
  createJourney(body: { document: JourneyDocumentInput } | { fromTemplate: string; params?: Record<string, ParamValue>; id?: string }): Promise<JourneyDetail>;
  getJourney(id: string): Promise<JourneyDetail>;
  saveDraft(id: string, document: JourneyDocument, baseRevision: number): Promise<JourneyDetail>;
  validate(id: string): Promise<{ diagnostics: Diagnostic[] }>;
  publish(id: string, policy: 'finish' | 'migrate', baseRevision: number): Promise<{ version: number }>;
  lifecycle(id: string, action: 'pause' | 'resume' | 'archive' | 'duplicate'): Promise<JourneyDetail | JourneySummary>;
  getVersion(id: string, version: number): Promise<{ document: JourneyDocument; text: string }>;
  stats(id: string): Promise<StatsAnswer>;
  customer(id: string): Promise<CustomerProfile>;
  timeline(id: string): Promise<TimelineItem[]>;
  tasks(query: { assignee?: string; status?: string }): Promise<TaskItem[]>;
  completeTask(id: string): Promise<unknown>;
  postponeTask(id: string, by: string): Promise<unknown>;
  templates(): Promise<TemplateSummary[]>;
  template(id: string): Promise<TemplateDetail>;
  cohort(id: string, size: number, seed: number): Promise<string>;
  exportTemplate(id: string): Promise<string>;
  importTemplate(pack: unknown, dryRun: boolean): Promise<Record<string, unknown>>;
}

/**
 * A client for the server at the page's own origin.
 *
 * @example
 * const api = createApiClient(() => localStorage.getItem('key') ?? '', () => location.reload());
 * const journeys = await api.listJourneys({ q: 'ladder' });
 */
export function createApiClient(getKey: () => string | undefined, onUnauthorized: () => void): ApiClient {
  async function call(method: string, path: string, body?: unknown, raw = false): Promise<unknown> {
    const headers: Record<string, string> = { Accept: raw ? '*/*' : 'application/json' };
    const key = getKey();
    if (key) headers.Authorization = `Bearer ${key}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`/v1${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await response.text();
    if (!response.ok) {
      let parsed: { error?: { code?: string; message?: string; path?: string }; diagnostics?: Diagnostic[] } = {};
      try {
        parsed = JSON.parse(text) as typeof parsed;
      } catch {
        parsed = {};
      }
      if (response.status === 401) onUnauthorized();
      const diagnostics = parsed.diagnostics ?? (parsed.error as { diagnostics?: Diagnostic[] } | undefined)?.diagnostics;
      throw new ApiError(response.status, parsed.error?.code ?? `http_${response.status}`, parsed.error?.message ?? response.statusText, parsed.error?.path, diagnostics);
    }
    if (raw) return text;
    return text === '' ? {} : (JSON.parse(text) as unknown);
  }
  const qs = (params: Record<string, string | number | undefined>): string => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
    const s = search.toString();
    return s ? `?${s}` : '';
  };
  const enc = encodeURIComponent;
  return {
    me: async () => (await call('GET', '/me')) as { name?: string; role?: string },
    listJourneys: async (query = {}) => listOf<JourneySummary>(await call('GET', `/journeys${qs(query)}`), 'journeys'),
    createJourney: async (body) => (await call('POST', '/journeys', body)) as JourneyDetail,
    getJourney: async (id) => (await call('GET', `/journeys/${enc(id)}`)) as JourneyDetail,
    saveDraft: async (id, document, baseRevision) => (await call('PUT', `/journeys/${enc(id)}/draft`, { document, baseRevision })) as JourneyDetail,
    validate: async (id) => (await call('POST', `/journeys/${enc(id)}/validate`, {})) as { diagnostics: Diagnostic[] },
    publish: async (id, policy, baseRevision) => (await call('POST', `/journeys/${enc(id)}/publish`, { policy, baseRevision })) as { version: number },
    lifecycle: async (id, action) => (await call('POST', `/journeys/${enc(id)}/${action}`, {})) as JourneySummary,
    getVersion: async (id, version) => (await call('GET', `/journeys/${enc(id)}/versions/${version}`)) as { document: JourneyDocument; text: string },
    stats: async (id) => (await call('GET', `/journeys/${enc(id)}/stats`)) as StatsAnswer,
    customer: async (id) => (await call('GET', `/customers/${enc(id)}`)) as CustomerProfile,
    timeline: async (id) => listOf<TimelineItem>(await call('GET', `/customers/${enc(id)}/timeline`), 'timeline', 'events'),
    tasks: async (query) => listOf<TaskItem>(await call('GET', `/tasks${qs(query)}`), 'tasks'),
    completeTask: (id) => call('POST', `/tasks/${enc(id)}/complete`, {}),
    postponeTask: (id, by) => call('POST', `/tasks/${enc(id)}/postpone`, { by }),
    templates: async () => listOf<TemplateSummary>(await call('GET', '/templates'), 'templates'),
    template: async (id) => (await call('GET', `/templates/${enc(id)}`)) as TemplateDetail,
    cohort: async (id, size, seed) => (await call('GET', `/templates/${enc(id)}/cohort${qs({ size, seed })}`, undefined, true)) as string,
    exportTemplate: async (id) => (await call('GET', `/templates/${enc(id)}/export`, undefined, true)) as string,
    importTemplate: async (pack, dryRun) => (await call('POST', `/templates/import${dryRun ? '?dryRun=true' : ''}`, pack)) as Record<string, unknown>,
  };
}
