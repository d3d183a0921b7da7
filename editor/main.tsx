/** The editor's entry point: i18n, Monaco (local), styles, then the app. */
import '@xyflow/react/dist/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { setUpMonaco } from './dsl-panel/monaco-setup.ts';
import { setUpI18n } from './i18n/index.ts';
import './styles.css';

setUpI18n();
setUpMonaco();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
