/** The canvas clipboard: copied nodes with their positions, kept in localStorage so they can be pasted into another journey. */
import type { JourneyNode } from '../../dsl/nodes/index.ts';
import type { XY } from '../flow/document-edits.ts';

const KEY = 'lifecycle-studio.clipboard';

export interface CopiedNodes {
  nodes: JourneyNode[];
  positions: Record<string, XY>;
}

export function copyNodes(copied: CopiedNodes): void {
  localStorage.setItem(KEY, JSON.stringify(copied));
}

export function readCopiedNodes(): CopiedNodes | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as CopiedNodes) : undefined;
    return parsed && Array.isArray(parsed.nodes) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
