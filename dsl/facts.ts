/** The built-in computed facts every journey can read, with their types and parameters. */
import type { FieldType } from './schema/data-schema.ts';

export interface BuiltinFact {
  type: FieldType;
  /** Fact parameters (json-rules-engine `params`) and their types; a `?` suffix marks an optional one. */
  params?: Readonly<Record<string, 'string' | 'number' | 'string?' | 'number?'>>;
  description: { zh: string; en: string };
}

/** RFM groups (the classic eight, from the R/F/M scores above or below 3). */
export const RFM_SEGMENTS = [
  'important_value',
  'important_develop',
  'important_keep',
  'important_retain',
  'general_value',
  'general_develop',
  'general_keep',
  'general_retain',
] as const;

export const BUILTIN_FACTS: Readonly<Record<string, BuiltinFact>> = {
  daysSinceLastActivity: {
    type: 'number',
    description: { zh: '距最近一次活跃的天数', en: 'Days since the last activity' },
  },
  daysSinceLast: {
    type: 'number',
    params: { event: 'string' },
    description: { zh: '距最近一次某事件的天数', en: 'Days since the last event of a kind' },
  },
  eventCount: {
    type: 'number',
    params: { event: 'string', days: 'number?' },
    description: { zh: '某事件的次数(可限最近 N 天)', en: 'Count of an event (optionally in the last N days)' },
  },
  totalSpend: { type: 'number', description: { zh: '累计消费金额', en: 'Total spend' } },
  purchaseCount: { type: 'number', description: { zh: '购买次数', en: 'Number of purchases' } },
  firstPurchaseAt: { type: 'timestamp', description: { zh: '首次购买时间', en: 'Time of the first purchase' } },
  lastPurchaseAt: { type: 'timestamp', description: { zh: '最近购买时间', en: 'Time of the last purchase' } },
  rfmRecency: { type: 'number', description: { zh: 'R 分(1–5)', en: 'Recency score (1–5)' } },
  rfmFrequency: { type: 'number', description: { zh: 'F 分(1–5)', en: 'Frequency score (1–5)' } },
  rfmMonetary: { type: 'number', description: { zh: 'M 分(1–5)', en: 'Monetary score (1–5)' } },
  rfmSegment: { type: { enum: [...RFM_SEGMENTS] }, description: { zh: 'RFM 客户分群', en: 'RFM customer group' } },
  stage: { type: 'string', description: { zh: '当前生命周期阶段', en: 'Current lifecycle stage' } },
  daysInStage: { type: 'number', description: { zh: '进入当前阶段的天数', en: 'Days in the current stage' } },
  tags: { type: 'string[]', description: { zh: '标签', en: 'Tags' } },
};

/**
 * The fact that holds the triggering event's properties, read with a path (`event.amount` in text,
 * `{ "fact": "event", "path": "$.amount" }` in JSON). Only meaningful in an entry trigger's or an
 * awaited event's `when`.
 */
export const EVENT_FACT = 'event';

/** Which event is a purchase, and which of its properties carries the amount, for the spend facts. */
export const PURCHASE_EVENT = 'purchase';
export const PURCHASE_AMOUNT_PROPERTY = 'amount';

/** Score cut-offs for RFM: a value at or beyond the n-th cut-off scores n + 2 (recency: fewer days is better). */
export const RFM_CUTOFFS = {
  recencyDays: [180, 90, 30, 7],
  frequency: [2, 3, 5, 8],
  monetary: [200, 1000, 3000, 10000],
} as const;
