/** Journey definitions and API keys over a plain data object: shared by the memory and the embedded store. */
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import type { ParamValue } from '../../dsl/schema/params.ts';
import {
  InvalidStateError,
  NotFoundError,
  RevisionConflictError,
  type ApiKeyRecord,
  type ApiKeyStore,
  type DefinitionStore,
  type JourneyRecord,
  type JourneyStatus,
  type MigrationPolicy,
  type PublishedVersion,
} from './types.ts';

/** The small, rarely written data: what lowdb keeps in `definitions.json`. */
export interface DefinitionsData {
  journeys: Record<string, JourneyRecord>;
  versions: Record<string, PublishedVersion[]>;
  apiKeys: ApiKeyRecord[];
}

export const emptyDefinitions = (): DefinitionsData => ({ journeys: {}, versions: {}, apiKeys: [] });

const copy = <T>(value: T): T => structuredClone(value);

/**
 * The same entries in an object without a prototype: ids are user input, and `constructor` or
 * `__proto__` must name a journey like any other id, never reach Object.prototype.
 */
function dictionary<T>(entries: Record<string, T> | undefined): Record<string, T> {
  const dict = Object.create(null) as Record<string, T>;
  for (const key of Object.keys(entries ?? {})) Object.defineProperty(dict, key, { value: entries![key], writable: true, enumerable: true, configurable: true });
  return dict;
}

/** The entry stored under `key` itself, never one inherited. */
const own = <T>(dict: Record<string, T>, key: string): T | undefined => (Object.hasOwn(dict, key) ? dict[key] : undefined);

/**
 * Definitions logic, independent of where the data lives: `persist` is called after every change
 * and the change counts as made once it resolves.
 *
 * @example
 * const book = new DefinitionBook(emptyDefinitions(), async () => {});
 * await book.saveDraft('ladder', { id: 'ladder' });
 */
export class DefinitionBook implements DefinitionStore, ApiKeyStore {
  constructor(
    private readonly data: DefinitionsData,
    private readonly persist: () => Promise<void>,
  ) {
    // The object is the one lowdb writes; only its two keyed maps are swapped for prototype-free copies.
    data.journeys = dictionary(data.journeys);
    data.versions = dictionary(data.versions);
  }

  async listJourneys(): Promise<JourneyRecord[]> {
    return Object.values(this.data.journeys).map(copy);
  }

  async getJourney(id: string): Promise<JourneyRecord | undefined> {
    const record = own(this.data.journeys, id);
    return record && copy(record);
  }

  async saveDraft(id: string, draft: unknown, options: { expectedRevision?: number; at?: number } = {}): Promise<JourneyRecord> {
    const at = options.at ?? Date.now();
    const existing = own(this.data.journeys, id);
    const current = existing?.revision ?? 0;
    if (options.expectedRevision !== undefined && options.expectedRevision !== current) {
      throw new RevisionConflictError(`journey ${id}: draft revision is ${current}, not ${options.expectedRevision} — someone else saved it; reload and retry`);
    }
    const record: JourneyRecord = existing
      ? { ...existing, draft: copy(draft), revision: current + 1, updatedAt: at }
      : { id, status: 'draft', draft: copy(draft), revision: 1, createdAt: at, updatedAt: at };
    this.data.journeys[id] = record;
    await this.persist();
    return copy(record);
  }

  async publish(
    id: string,
    published: {
      document: JourneyDocument;
      params?: Record<string, ParamValue>;
      migration?: MigrationPolicy;
      migrationMap?: Record<string, string>;
      at?: number;
      version?: number;
    },
  ): Promise<PublishedVersion> {
    const at = published.at ?? Date.now();
    const versions = own(this.data.versions, id) ?? (this.data.versions[id] = []);
    const latest = versions.reduce((max, v) => Math.max(max, v.version), 0);
    const version = published.version ?? latest + 1;
    if (versions.some((v) => v.version === version)) {
      throw new InvalidStateError(`journey ${id}: version ${version} is already published and cannot change`);
    }
    const record: PublishedVersion = {
      journeyId: id,
      version,
      document: { ...copy(published.document), version },
      params: copy(published.params ?? {}),
      migration: published.migration ?? 'finish',
      ...(published.migration === 'move' && published.migrationMap !== undefined ? { migrationMap: copy(published.migrationMap) } : {}),
      publishedAt: at,
    };
    versions.push(record);
    versions.sort((a, b) => a.version - b.version);
    const existing = own(this.data.journeys, id);
    this.data.journeys[id] = existing
      ? { ...existing, status: 'live', liveVersion: version, latestVersion: Math.max(latest, version), updatedAt: at }
      : { id, status: 'live', draft: copy(published.document), revision: 1, liveVersion: version, latestVersion: version, createdAt: at, updatedAt: at };
    await this.persist();
    return copy(record);
  }

  async getVersion(id: string, version: number): Promise<PublishedVersion | undefined> {
    const found = own(this.data.versions, id)?.find((v) => v.version === version);
    return found && copy(found);
  }

  async listVersions(id: string): Promise<PublishedVersion[]> {
    return (own(this.data.versions, id) ?? []).map(copy);
  }

  async setStatus(id: string, status: Exclude<JourneyStatus, 'draft'>, at: number = Date.now()): Promise<JourneyRecord> {
    const existing = own(this.data.journeys, id);
    if (existing === undefined) throw new NotFoundError(`journey ${id} does not exist`);
    if (existing.status === 'archived' && status !== 'archived') throw new InvalidStateError(`journey ${id} is archived and cannot become ${status}`);
    if ((status === 'live' || status === 'paused') && existing.liveVersion === undefined) {
      throw new InvalidStateError(`journey ${id} has never been published; publish it before making it ${status}`);
    }
    const record: JourneyRecord = { ...existing, status, updatedAt: at };
    this.data.journeys[id] = record;
    await this.persist();
    return copy(record);
  }

  async createApiKey(record: ApiKeyRecord): Promise<ApiKeyRecord> {
    if (this.data.apiKeys.some((k) => k.id === record.id || k.hash === record.hash)) {
      throw new InvalidStateError(`API key ${record.id} already exists`);
    }
    this.data.apiKeys.push(copy(record));
    await this.persist();
    return copy(record);
  }

  async findApiKey(hash: string): Promise<ApiKeyRecord | undefined> {
    const found = this.data.apiKeys.find((k) => k.hash === hash && k.revokedAt === undefined);
    return found && copy(found);
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    return this.data.apiKeys.map(copy);
  }

  async revokeApiKey(id: string, at: number): Promise<ApiKeyRecord> {
    const index = this.data.apiKeys.findIndex((k) => k.id === id);
    const existing = this.data.apiKeys[index];
    if (existing === undefined) throw new NotFoundError(`API key ${id} does not exist`);
    const revoked: ApiKeyRecord = existing.revokedAt === undefined ? { ...existing, revokedAt: at } : existing;
    this.data.apiKeys[index] = revoked;
    await this.persist();
    return copy(revoked);
  }
}
