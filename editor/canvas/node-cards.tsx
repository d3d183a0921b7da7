/** The canvas cards: a journey node (icon, id, summary, labelled exits, problem badge, counts) and the entry. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostic } from '../../dsl/diagnostics.ts';
import { nodeEdges, type ActionNode } from '../../dsl/nodes/index.ts';
import type { Trigger } from '../../dsl/schema/document.ts';
import type { EntryNodeData, JourneyFlowNode, NodeCounts } from '../flow/document-to-flow.ts';
import { NODE_WIDTH } from '../flow/layout.ts';
import { actionIcon } from '../nodes/action/index.tsx';
import { moduleOf } from '../nodes/registry.ts';
import { diagnosticText } from '../i18n/diagnostic-text.ts';
import { edgeLabel } from './edge-label.ts';

type Translate = ReturnType<typeof useTranslation>['t'];

// The badge and the counts take the card's `t` rather than calling useTranslation: each call costs a wrapper per
// mounted component, and a large journey mounts many cards at once.
function ProblemBadge({ diagnostics, t, language }: { diagnostics: Diagnostic[]; t: Translate; language: string }) {
  if (diagnostics.length === 0) return null;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const tone = errors > 0 ? 'error' : 'warning';
  const title = diagnostics.map((d) => `${d.severity === 'error' ? t('problems.error') : t('problems.warning')}: ${diagnosticText(d, language)}`).join('\n');
  return (
    <span className={`node-badge ${tone}`} data-testid="node-badge" title={title}>
      {errors > 0 ? errors : diagnostics.length}
    </span>
  );
}

function CountsPill({ counts, t }: { counts: NodeCounts | undefined; t: Translate }) {
  if (!counts) return null;
  return (
    <div className="node-counts" data-testid="node-counts">
      {counts.current !== undefined ? (
        <span title={t('stats.atNode')}>
          ● {counts.current.toLocaleString()}
        </span>
      ) : null}
      {counts.passed !== undefined ? (
        <span title={t('stats.passed')}>
          → {counts.passed.toLocaleString()}
        </span>
      ) : null}
    </div>
  );
}

export const JourneyNodeCard = memo(function JourneyNodeCard({ data, selected }: NodeProps<Extract<JourneyFlowNode, { type: 'journey' }>>) {
  const { t, i18n } = useTranslation();
  const { node, doc, diagnostics, counts } = data;
  const module = moduleOf(node);
  const exits = nodeEdges(node);
  const single = exits.length === 1 && exits[0]?.kind === 'next';
  const icon = node.kind === 'action' ? actionIcon(node as ActionNode) : module.icon;
  const kindLabel = node.kind === 'action' ? t(`kinds.${(node as ActionNode).action.type === 'addTag' || (node as ActionNode).action.type === 'removeTag' ? 'tag' : (node as ActionNode).action.type}`) : t(`kinds.${node.kind}`);
  const hasError = diagnostics.some((d) => d.severity === 'error');
  const summary = module.summary(node, doc, t, i18n.language);
  return (
    <div className={`node-card kind-${node.kind}${selected ? ' selected' : ''}${hasError ? ' has-error' : ''}`} style={{ width: NODE_WIDTH, ['--accent' as string]: module.accent }} data-testid={`node-${node.id}`}>
      <Handle type="target" position={Position.Left} id="in" className="handle-in" />
      <div className="node-head">
        <span className="node-icon" aria-hidden>
          {icon}
        </span>
        <div className="node-titles">
          <span className="node-kind">{kindLabel}</span>
          <span className="node-id">{node.id}</span>
        </div>
        <ProblemBadge diagnostics={diagnostics} t={t} language={i18n.language} />
      </div>
      <div className="node-summary" title={summary}>
        {summary}
      </div>
      {single ? (
        <Handle type="source" position={Position.Right} id="next" className="handle-out" />
      ) : (
        <div className="node-exits">
          {exits.map((edge) => (
            <div className={`node-exit exit-${edge.kind}`} key={edge.handle}>
              <span>{edgeLabel(edge, t)}</span>
              <Handle type="source" position={Position.Right} id={edge.handle} className="handle-out" />
            </div>
          ))}
        </div>
      )}
      <CountsPill counts={counts} t={t} />
    </div>
  );
});

function triggerSummary(trigger: Trigger, t: (k: string) => string): string {
  if (trigger.type === 'event') return `${t('inspector.triggerEvent')}: ${trigger.event === '*' ? t('edges.anyEvent') : trigger.event}`;
  if (trigger.type === 'segment') return t('inspector.triggerSegment');
  return `${t('inspector.triggerSchedule')} ${trigger.at}`;
}

export const EntryNodeCard = memo(function EntryNodeCard({ data, selected }: NodeProps<Extract<JourneyFlowNode, { type: 'entry' }>>) {
  const { t, i18n } = useTranslation();
  const { doc, diagnostics, counts } = data as EntryNodeData;
  return (
    <div className={`node-card kind-entry${selected ? ' selected' : ''}`} style={{ width: NODE_WIDTH, ['--accent' as string]: '#0f766e' }} data-testid="node-entry">
      <div className="node-head">
        <span className="node-icon" aria-hidden>
          ▶
        </span>
        <div className="node-titles">
          <span className="node-kind">{t('editor.entry')}</span>
          <span className="node-id">{doc.entry.reentry === 'never' ? t('inspector.reentryNever') : t('inspector.reentryAfterExit')}</span>
        </div>
        <ProblemBadge diagnostics={diagnostics} t={t} language={i18n.language} />
      </div>
      <div className="node-summary">{triggerSummary(doc.entry.trigger, t)}</div>
      <Handle type="source" position={Position.Right} id="next" className="handle-out" />
      <CountsPill counts={counts} t={t} />
    </div>
  );
});
