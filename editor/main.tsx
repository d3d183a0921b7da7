/** The editor's entry point: i18n, styles, then the app (Monaco, echarts and elkjs load later, with the panels that need them). */
import '@xyflow/react/dist/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { setUpI18n } from './i18n/index.ts';
import './styles.css';

setUpI18n();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
