/** Journey management on the store: drafts with revisions, publishing numbered versions, status changes, duplicates and diffs. */
import type { Diagnostic } from '../../../dsl/diagnostics.ts';
import { hasErrors } from '../../../dsl/diagnostics.ts';
import type { JourneyDocument } from '../../../dsl/schema/document.ts';
import type { Millis } from '../../engine/types.ts';
import {
  InvalidStateError,
  NotFoundError,
  RevisionConflictError,
  type JourneyRecord,
  type JourneyStatus,
  type PublishedVersion,
  type RuntimeStore,
} from '../../store/types.ts';
import { ApiError, notFound } from '../errors.ts';
import { unifiedDiff } from '../text-diff.ts';
import { checkDraft, draftText, type CheckedDraft } from './journey-source.ts';

export type PublishPolicy = 'finish' | 'migrate';

/** Called after a version is published, so the runtime loads it (and moves customers when the policy says so). */
export type PublishListener = (published: PublishedVersion, move: { previous?: PublishedVersion; mapping: Record<string, string> }) => Promise<void>;

export interface JourneyServiceOptions {
  store: RuntimeStore;
  now: () => Millis;
  onPublished?: PublishListener;
  onStatusChanged?: (journey: JourneyRecord) => Promise<void>;
}

/** Journey ids: the document's Slug rule, minus names that would reach an object's prototype in a store keyed by id. */
const SLUG = /^(?!constructor$)[a-z0-9][a-z0-9_-]{0,63}$/;

/** A draft's display name: the document's, or the id while the draft has none. */
export function draftName(record: JourneyRecord): { zh: string; en: string } {
  const name = (record.draft as { name?: unknown } | null)?.name as { zh?: unknown; en?: unknown } | undefined;
  return {
    zh: typeof name?.zh === 'string' ? name.zh : record.id,
    en: typeof name?.en === 'string' ? name.en : record.id,
  };
}

/** Translates the store's errors into API errors, keeping anything else as it is. */
async function storeCall<T>(call: Promise<T>, what: string): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound(what);
    if (error instanceof RevisionConflictError) {
      throw new ApiError(409, 'conflict', `${what} was changed by someone else meanwhile; reload it and reapply your change`, 'body.baseRevision');
    }
    if (error instanceof InvalidStateError) throw new ApiError(409, 'conflict', error.message);
    throw error;
  }
}

/** The node ids of a document, for migration checks. */
const nodeIds = (doc: JourneyDocument): Set<string> => new Set(doc.nodes.map((n) => n.id));

/**
 * Drafts, versions and statuses of journeys, with the checks an operator expects:
 * stale saves are refused, only error-free drafts publish, archived journeys are read-only.
 *
 * @example
 * const journeys = new JourneyService({ store, now: () => Date.now() });
 * const created = await journeys.create(document);
 * await journeys.publish(created.id, { policy: 'finish' }, 'key-id');
 */
export class JourneyService {
  constructor(private readonly options: JourneyServiceOptions) {}

  private get store(): RuntimeStore {
    return this.options.store;
  }

  async get(id: string): Promise<JourneyRecord> {
    const record = SLUG.test(id) ? await this.store.getJourney(id) : undefined;
    if (record === undefined) throw notFound(`journey "${id}"`);
    return record;
  }

  async list(filter: { q?: string; status?: JourneyStatus }): Promise<JourneyRecord[]> {
    const needle = filter.q?.trim().toLowerCase();
    const all = await this.store.listJourneys();
    return all
      .filter((j) => filter.status === undefined || j.status === filter.status)
      .filter((j) => {
        if (needle === undefined || needle === '') return true;
        const name = draftName(j);
        return [j.id, name.zh, name.en].some((s) => s.toLowerCase().includes(needle));
      })
      .sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
  }

  /** Creates a journey from a document (its `id` names the journey). 409 if the id is taken. */
  async create(document: unknown, where = 'body.document'): Promise<{ record: JourneyRecord; checked: CheckedDraft }> {
    const id = (document as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !SLUG.test(id)) {
      throw new ApiError(400, 'validation_failed', `${where}.id: a journey needs an id of lower-case letters, digits, - and _`, `${where}.id`);
    }
    if ((await this.store.getJourney(id)) !== undefined) {
      throw new ApiError(409, 'conflict', `a journey with id "${id}" already exists`, `${where}.id`);
    }
    const record = await storeCall(this.store.saveDraft(id, document, { expectedRevision: 0, at: this.options.now() }), `journey "${id}"`);
    return { record, checked: checkDraft(document) };
  }

  /** Saves the draft if nobody saved since `baseRevision`. The document's id must be the journey's. */
  async saveDraft(id: string, document: unknown, baseRevision: number): Promise<{ record: JourneyRecord; checked: CheckedDraft }> {
    const current = await this.get(id);
    this.assertEditable(current);
    const docId = (document as { id?: unknown } | null)?.id;
    if (docId !== id) {
      throw new ApiError(400, 'validation_failed', `body.document.id: must be "${id}", the journey being edited`, 'body.document.id');
    }
    if (current.revision !== baseRevision) {
      throw new ApiError(
        409,
        'conflict',
        `the draft was saved by someone else meanwhile (you started from revision ${baseRevision}, it is now at ${current.revision}); reload and reapply your change`,
        'body.baseRevision',
      );
    }
    const record = await storeCall(
      this.store.saveDraft(id, document, { expectedRevision: baseRevision, at: this.options.now() }),
      `journey "${id}"`,
    );
    return { record, checked: checkDraft(document) };
  }

  /**
   * Publishes the draft as the next version. Refused (422, with the diagnostics) while the draft has errors.
   * With `migrate`, customers on nodes that exist in both versions stay where they are; `mapping` says where
   * customers on removed nodes go, and must cover every removed node.
   */
  async publish(
    id: string,
    request: { policy: PublishPolicy; migrate?: Record<string, string>; baseRevision?: number },
  ): Promise<PublishedVersion> {
    const current = await this.get(id);
    this.assertEditable(current);
    if (request.baseRevision !== undefined && request.baseRevision !== current.revision) {
      throw new ApiError(
        409,
        'conflict',
        `the draft changed since revision ${request.baseRevision} (now ${current.revision}); review it before publishing`,
        'body.baseRevision',
      );
    }
    const { doc, diagnostics } = checkDraft(current.draft);
    if (doc === undefined || hasErrors(diagnostics)) {
      const count = diagnostics.filter((d) => d.severity === 'error').length;
      throw new ApiError(422, 'invalid_journey', `the draft has ${count} error${count === 1 ? '' : 's'}; fix them before publishing`, 'draft', diagnostics);
    }
    const previous = current.liveVersion === undefined ? undefined : await this.store.getVersion(id, current.liveVersion);
    const mapping = request.policy === 'migrate' ? this.migrationMapping(doc, previous, request.migrate ?? {}) : {};
    const version = (current.latestVersion ?? 0) + 1;
    const published = await storeCall(
      this.store.publish(id, {
        document: { ...doc, version },
        params: {},
        migration: request.policy === 'migrate' ? 'move' : 'finish',
        ...(request.policy === 'migrate' ? { migrationMap: mapping } : {}),
        at: this.options.now(),
        version,
      }),
      `journey "${id}"`,
    );
    await this.options.onPublished?.(published, { ...(previous ? { previous } : {}), mapping });
    return published;
  }

  /** Checks a migrate mapping against the live version and completes it with the nodes both versions share. */
  private migrationMapping(next: JourneyDocument, previous: PublishedVersion | undefined, given: Record<string, string>): Record<string, string> {
    if (previous === undefined) return {};
    const before = nodeIds(previous.document);
    const after = nodeIds(next);
    for (const [from, to] of Object.entries(given)) {
      if (!before.has(from)) {
        throw new ApiError(400, 'validation_failed', `body.migrate: "${from}" is not a node of version ${previous.version}`, `body.migrate.${from}`);
      }
      if (!after.has(to)) {
        throw new ApiError(400, 'validation_failed', `body.migrate.${from}: "${to}" is not a node of the new version`, `body.migrate.${from}`);
      }
    }
    const missing = [...before].filter((n) => !after.has(n) && !Object.hasOwn(given, n));
    if (missing.length > 0) {
      throw new ApiError(
        400,
        'validation_failed',
        `body.migrate: say where customers on ${missing.map((n) => `"${n}"`).join(', ')} go (those nodes are not in the new version)`,
        'body.migrate',
      );
    }
    const mapping: Record<string, string> = {};
    for (const n of before) mapping[n] = after.has(n) ? n : (given[n] as string);
    return mapping;
  }

  /** live → paused, paused → live, anything → archived. */
  async setStatus(id: string, action: 'pause' | 'resume' | 'archive'): Promise<JourneyRecord> {
    const current = await this.get(id);
    const allowed: Record<typeof action, JourneyStatus[]> = { pause: ['live'], resume: ['paused'], archive: ['draft', 'live', 'paused'] };
    if (!allowed[action].includes(current.status)) {
      throw new ApiError(409, 'conflict', `cannot ${action} journey "${id}": it is ${current.status}`);
    }
    const status = action === 'pause' ? 'paused' : action === 'resume' ? 'live' : 'archived';
    const record = await storeCall(this.store.setStatus(id, status, this.options.now()), `journey "${id}"`);
    await this.options.onStatusChanged?.(record);
    return record;
  }

  /** Copies the draft under a new id (default `<id>-copy`, `<id>-copy-2`, …) as a new draft journey. */
  async duplicate(id: string, newId?: string): Promise<JourneyRecord> {
    const source = await this.get(id);
    let target = newId;
    if (target === undefined) {
      target = `${id}-copy`.slice(0, 64);
      for (let n = 2; (await this.store.getJourney(target)) !== undefined; n++) target = `${id}-copy-${n}`.slice(0, 64);
    }
    const name = draftName(source);
    const draft =
      typeof source.draft === 'object' && source.draft !== null
        ? { ...(source.draft as Record<string, unknown>), id: target, name: { zh: `${name.zh}（副本）`, en: `${name.en} (copy)` } }
        : { id: target };
    return (await this.create(draft, 'body')).record;
  }

  async versions(id: string): Promise<PublishedVersion[]> {
    await this.get(id);
    return (await this.store.listVersions(id)).sort((a, b) => a.version - b.version);
  }

  async version(id: string, version: number): Promise<PublishedVersion> {
    await this.get(id);
    const found = await this.store.getVersion(id, version);
    if (found === undefined) throw notFound(`version ${version} of journey "${id}"`);
    return found;
  }

  /**
   * A unified diff between two versions (or a version and the draft) of their printed text forms.
   * When one side is a draft that is not yet a document, both sides are compared as formatted JSON.
   */
  async diff(id: string, from: number | 'draft', to: number | 'draft'): Promise<{ format: 'text' | 'json'; diff: string }> {
    const record = await this.get(id);
    const documentOf = async (v: number | 'draft'): Promise<unknown> => (v === 'draft' ? record.draft : (await this.version(id, v)).document);
    const [a, b] = [await documentOf(from), await documentOf(to)];
    const label = (v: number | 'draft'): string => (v === 'draft' ? `${id} draft` : `${id} v${v}`);
    const [textA, textB] = [draftText(a), draftText(b)];
    if (textA !== undefined && textB !== undefined) return { format: 'text', diff: unifiedDiff(textA, textB, label(from), label(to)) };
    const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
    return { format: 'json', diff: unifiedDiff(json(a), json(b), label(from), label(to)) };
  }

  private assertEditable(record: JourneyRecord): void {
    if (record.status === 'archived') throw new ApiError(409, 'conflict', `journey "${record.id}" is archived and can no longer change`);
  }
}

/** Diagnostics ready to send: errors first. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

