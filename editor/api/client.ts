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

type Localized = { zh: string; en: string };

/** A template's notes for one stage: purpose, typical actions, channels, KPIs. */
export interface StageNote {
  purpose?: Localized;
  typicalActions?: Localized[];
  channels?: Localized[];
  kpis?: Localized[];
}

export interface TemplateSummary {
  id: string;
  name: Localized;
  version?: string;
  description?: Localized;
  journeys?: string[];
  stages?: { id: string; name: Localized }[];
}

export interface TemplateParam {
  type: 'number' | 'string' | 'boolean' | 'enum';
  default: ParamValue;
  values?: string[];
  min?: number;
  max?: number;
  integer?: boolean;
  label?: Localized;
  description?: Localized;
}

export interface TemplateDetail extends TemplateSummary {
  params: Record<string, TemplateParam>;
  notes: Record<string, StageNote>;
  documents: JourneyDocument[];
  cohort?: { size: number; seed: number; days: number };
}

export interface ImportAnswer {
  dryRun: boolean;
  preview: {
    pack?: { id: string; version: string; installedVersion?: string; status: 'new' | 'upgrade' | 'same' | 'downgrade' };
    added: { journeyId: string; version: number }[];
    changed: { journeyId: string; installedVersion: number; version: number }[];
    unchanged: { journeyId: string; version: number }[];
  };
  installed: { journeyId: string; version: number }[];
  warnings: Diagnostic[];
}

export interface StatsAnswer {
  customers?: { entered: number; active: number };
  nodes?: Record<string, { entered?: number; waiting?: number; exited?: number; converted?: number }>;
  stages?: { now?: Record<string, number>; daily?: { date: string; counts: Record<string, number> }[] };
  /** `from` is null for the first stage a customer reached. */
  transitions?: { from: string | null; to: string; count: number; rate?: number }[];
  goals?: { goal: string; node: string; converted: number; rate: number }[];
}

export interface TaskItem {
  id: string;
  title: string;
  customerId: string;
  journeyId?: string;
  node?: string;
  assignee?: string | null;
  status: 'open' | 'done';
  dueAt?: string | null;
  postponedUntil?: string | null;
  note?: string | null;
  createdAt?: string;
}

/** One entry of a customer's timeline: an input (event, profile update, timer) or an effect of the engine. */
export interface TimelineItem {
  seq: number;
  at: string;
  kind: 'input' | 'effect';
  input?: { type?: string; event?: string; traits?: Record<string, unknown>; properties?: Record<string, unknown>; journeyId?: string };
  effect?: { kind?: string; journeyId?: string; node?: string; stage?: string; from?: string; action?: Record<string, unknown>; task?: { title?: string }; goal?: string; reason?: string };
}

export interface CustomerJourneyPlace {
  journeyId: string;
  version: number;
  status: string;
  node: string;
  stage: string | null;
  enteredAt?: string;
  since?: string;
}

export interface CustomerProfile {
  id: string;
  profile: Record<string, unknown>;
  tags: string[];
  facts?: Record<string, unknown>;
  journeys: CustomerJourneyPlace[];
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
  /** The template's sample cohort as NDJSON (one Segment-style call per line). */
  cohort(id: string, size: number, seed: number): Promise<string>;
  exportTemplate(id: string): Promise<string>;
  importTemplate(packFile: string, dryRun: boolean): Promise<ImportAnswer>;
}

/**
 * A client for the server at the page's own origin.
 *
 * @example
 * const api = createApiClient(() => localStorage.getItem('key') ?? '', () => location.reload());
 * const journeys = await api.listJourneys({ q: 'ladder' });
 */
export function createApiClient(getKey: () => string | undefined, onUnauthorized: () => void): ApiClient {
  async function call(method: string, path: string, body?: unknown, raw = false, rawBody?: string): Promise<unknown> {
    const headers: Record<string, string> = { Accept: raw ? '*/*' : 'application/json' };
    const key = getKey();
    if (key) headers.Authorization = `Bearer ${key}`;
    const payload = rawBody ?? (body !== undefined ? JSON.stringify(body) : undefined);
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`/v1${path}`, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
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
    timeline: async (id) => listOf<TimelineItem>(await call('GET', `/customers/${enc(id)}/timeline`), 'timeline', 'entries', 'events'),
    tasks: async (query) => listOf<TaskItem>(await call('GET', `/tasks${qs(query)}`), 'tasks'),
    completeTask: (id) => call('POST', `/tasks/${enc(id)}/complete`, {}),
    postponeTask: (id, by) => call('POST', `/tasks/${enc(id)}/postpone`, { by }),
    templates: async () => listOf<TemplateSummary>(await call('GET', '/templates'), 'templates'),
    template: async (id) => (await call('GET', `/templates/${enc(id)}`)) as TemplateDetail,
    cohort: async (id, size, seed) => listOf<unknown>(await call('GET', `/templates/${enc(id)}/cohort${qs({ size, seed })}`), 'events').map((e) => JSON.stringify(e)).join('\n'),
    exportTemplate: async (id) => (await call('GET', `/templates/${enc(id)}/export`, undefined, true)) as string,
    importTemplate: async (packFile, dryRun) => (await call('POST', `/templates/import?dryRun=${dryRun}`, undefined, false, packFile)) as ImportAnswer,
  };
}
