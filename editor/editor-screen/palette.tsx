/** The node palette: every node kind, dragged onto the canvas or added with Enter / a click. */
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { PALETTE_MIME, addPaletteNode } from '../canvas/journey-canvas.tsx';
import { PALETTE } from '../nodes/registry.ts';
import { useDocumentStore } from '../store/use-document.ts';

export function Palette() {
  const { t } = useTranslation();
  const store = useDocumentStore();
  const flow = useReactFlow();
  const addAtCentre = (key: string) => {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const at = canvas ? flow.screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }) : { x: 0, y: 0 };
    addPaletteNode(store, key, { x: Math.round(at.x - 116), y: Math.round(at.y - 40) });
  };
  return (
    <nav className="palette" aria-label={t('editor.palette')}>
      <h2>{t('editor.palette')}</h2>
      <ul>
        {PALETTE.map((entry) => (
          <li key={entry.key}>
            <button
              type="button"
              className="palette-entry"
              draggable
              data-testid={`palette-${entry.key}`}
              style={{ ['--accent' as string]: entry.module.accent }}
              onDragStart={(e) => {
                e.dataTransfer.setData(PALETTE_MIME, entry.key);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => addAtCentre(entry.key)}
              title={t(`kindHelp.${entry.key}`)}
            >
              <span className="palette-icon" aria-hidden>
                {entry.icon}
              </span>
              <span className="palette-text">
                <span className="palette-name">{t(`kinds.${entry.key}`)}</span>
                <span className="palette-help">{t(`kindHelp.${entry.key}`)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="palette-hint">{t('editor.paletteHint')}</p>
    </nav>
  );
}
