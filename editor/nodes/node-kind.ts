/** What one node kind contributes to the editor: palette entries, the card's summary on the canvas, and the inspector form. */
import type { FC } from 'react';
import type { TFunction } from 'i18next';
import type { JourneyNode, NodeKind } from '../../dsl/nodes/index.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';

export interface PaletteEntry {
  /** i18n key under `kinds.` (and `kindHelp.`) naming the entry. */
  key: string;
  icon: string;
  /** A new node of this entry with the given id; `fallback` is where its exits point until connected. */
  create(id: string, fallback: string, doc: JourneyDocument): JourneyNode;
}

export interface FormProps<N extends JourneyNode> {
  node: N;
  doc: JourneyDocument;
  /** `mergeKey` groups keystrokes in one field into one undo step. */
  onChange(node: JourneyNode, mergeKey?: string): void;
  /** For forms that also touch the document (a new stage definition). */
  onDocChange(doc: JourneyDocument, mergeKey?: string): void;
}

export interface NodeKindModule<N extends JourneyNode = JourneyNode> {
  kind: NodeKind;
  icon: string;
  /** Accent colour of the card and palette entry. */
  accent: string;
  palette: PaletteEntry[];
  /** One line naming what the node does ("Wait 45 days", "Stage: silent"). */
  summary(node: N, doc: JourneyDocument, t: TFunction, language: string): string;
  Form: FC<FormProps<N>>;
}
