/** Every node kind's editor module, keyed by kind: the one place the canvas, palette and inspector look them up. */
import type { JourneyNode, NodeKind } from '../../dsl/nodes/index.ts';
import { actionKind } from './action/index.tsx';
import { conditionKind } from './condition/index.tsx';
import { exitKind } from './exit/index.tsx';
import { goalKind } from './goal/index.tsx';
import type { NodeKindModule, PaletteEntry } from './node-kind.ts';
import { splitKind } from './split/index.tsx';
import { stageKind } from './stage/index.tsx';
import { waitKind } from './wait/index.tsx';

export const NODE_KIND_MODULES: Readonly<Record<NodeKind, NodeKindModule>> = {
  stage: stageKind as NodeKindModule,
  condition: conditionKind as NodeKindModule,
  wait: waitKind as NodeKindModule,
  split: splitKind as NodeKindModule,
  action: actionKind as NodeKindModule,
  goal: goalKind as NodeKindModule,
  exit: exitKind as NodeKindModule,
};

/** The module that edits a node. */
export const moduleOf = (node: JourneyNode): NodeKindModule => NODE_KIND_MODULES[node.kind];

/** The palette in display order, each entry with the module it belongs to. */
export const PALETTE: readonly (PaletteEntry & { module: NodeKindModule })[] = (['stage', 'condition', 'wait', 'split', 'action', 'goal', 'exit'] as const).flatMap((kind) =>
  NODE_KIND_MODULES[kind].palette.map((entry) => ({ ...entry, module: NODE_KIND_MODULES[kind] })),
);
