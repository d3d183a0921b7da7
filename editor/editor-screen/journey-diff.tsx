/**
 * A read-only Monaco diff of two journey texts. One diff editor lives for the whole page and moves into
 * whichever dialog shows it: Monaco logs errors when a diff editor is disposed while its worker is still busy.
 */
import { useLayoutEffect, useRef } from 'react';
import { JOURNEY_LANGUAGE } from '../dsl-panel/journey-language.ts';
import { monaco, setUpMonaco } from '../dsl-panel/monaco-setup.ts';

// Loaded lazily with the publish dialog's diff: the journey language and theme must exist before the editor does.
setUpMonaco();

interface SharedDiff {
  host: HTMLDivElement;
  diff: ReturnType<typeof monaco.editor.createDiffEditor>;
  left: ReturnType<typeof monaco.editor.createModel>;
  right: ReturnType<typeof monaco.editor.createModel>;
}

let shared: SharedDiff | undefined;

/** The page's diff editor, created (inside `box`, so it can measure) the first time one is needed. */
function sharedDiff(box: HTMLElement): SharedDiff {
  if (shared) {
    box.appendChild(shared.host);
    return shared;
  }
  const host = document.createElement('div');
  host.className = 'journey-diff';
  box.appendChild(host);
  const diff = monaco.editor.createDiffEditor(host, {
    readOnly: true,
    originalEditable: false,
    renderSideBySide: true,
    minimap: { enabled: false },
    automaticLayout: false,
    fontSize: 12,
    scrollBeyondLastLine: false,
    wordWrap: 'on',
    diffWordWrap: 'on',
    hideUnchangedRegions: { enabled: true, contextLineCount: 2, minimumLineCount: 3 },
    theme: 'lifecycle-light',
  });
  const left = monaco.editor.createModel('', JOURNEY_LANGUAGE);
  const right = monaco.editor.createModel('', JOURNEY_LANGUAGE);
  diff.setModel({ original: left, modified: right });
  // Show the operator the first change straight away rather than the unchanged header.
  diff.onDidUpdateDiff(() => diff.revealFirstDiff());
  shared = { host, diff, left, right };
  return shared;
}

export function JourneyDiff({ original, modified }: { original: string; modified: string }) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const { host, diff } = sharedDiff(element);
    const fit = () => {
      const { width, height } = element.getBoundingClientRect();
      if (width > 0 && height > 0) diff.layout({ width, height });
    };
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    fit();
    return () => {
      observer.disconnect();
      host.remove();
    };
  }, []);
  useLayoutEffect(() => {
    if (!shared) return;
    if (shared.left.getValue() !== original) shared.left.setValue(original);
    if (shared.right.getValue() !== modified) shared.right.setValue(modified);
  }, [original, modified]);
  return <div ref={box} className="journey-diff-box" />;
}
