/** A read-only diagram of a journey (template previews): the same cards as the editor, laid out with elkjs. */
import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { documentToFlow, type JourneyFlowEdge, type JourneyFlowNode } from '../flow/document-to-flow.ts';
import { autoLayout, placeNodes } from '../flow/layout.ts';
import { edgeLabel } from './edge-label.ts';
import { EntryNodeCard, JourneyNodeCard } from './node-cards.tsx';

const nodeTypes = { journey: JourneyNodeCard, entry: EntryNodeCard };

export function PreviewDiagram({ doc, height = 360 }: { doc: JourneyDocument; height?: number }) {
  const { t } = useTranslation();
  const [flow, setFlow] = useState<{ nodes: JourneyFlowNode[]; edges: JourneyFlowEdge[] } | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    const positioned = doc.layout && doc.nodes.every((n) => doc.layout?.[n.id]) ? Promise.resolve(placeNodes(doc)) : autoLayout(doc, { overview: true });
    void positioned.then((positions) => alive && setFlow(documentToFlow(doc, positions, new Map(), {}, [])));
    return () => {
      alive = false;
    };
  }, [doc]);
  return (
    <div className="preview-diagram" style={{ height }} data-testid="preview-diagram">
      {flow ? (
        <ReactFlowProvider>
          <ReactFlow<JourneyFlowNode>
            nodes={flow.nodes.map((n) => ({ ...n, draggable: false, selectable: false, connectable: false }))}
            edges={flow.edges.map((e) => ({ ...e, type: 'smoothstep', label: e.data && e.data.kind !== 'next' ? edgeLabel(e.data, t) : undefined }))}
            nodeTypes={nodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            fitView
            fitViewOptions={{ padding: 0.08 }}
            minZoom={0.05}
            proOptions={{ hideAttribution: true }}
          />
        </ReactFlowProvider>
      ) : (
        <div className="muted">{t('common.loading')}</div>
      )}
    </div>
  );
}
