/** The app shell: sign-in, top navigation with the language switch, toasts, and the current screen. */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forgetApiKey, storeApiKey, takeApiKey } from '../api/api-key.ts';
import { createApiClient } from '../api/client.ts';
import { EditorScreen } from '../editor-screen/editor-screen.tsx';
import { LANGUAGES } from '../i18n/index.ts';
import { CustomersScreen } from '../screens/customers-screen.tsx';
import { JourneysScreen } from '../screens/journeys-screen.tsx';
import { LoginScreen } from '../screens/login-screen.tsx';
import { TasksScreen } from '../screens/tasks-screen.tsx';
import { TemplateScreen, TemplatesScreen } from '../screens/templates-screen.tsx';
import { AppContext, type AppServices, type ToastText } from './app-context.ts';
import { useRoute } from './router.ts';

interface Toast {
  id: number;
  text: ToastText;
  tone: 'info' | 'success' | 'error';
}

export function App() {
  const { t, i18n } = useTranslation();
  const [key, setKey] = useState<string | undefined>(() => takeApiKey());
  const [route, navigate] = useRoute();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const toast = useCallback((text: ToastText, tone: Toast['tone'] = 'info') => {
    const id = Date.now() + Math.random();
    setToasts((list) => [...list.slice(-3), { id, text, tone }]);
    setTimeout(() => setToasts((list) => list.filter((x) => x.id !== id)), tone === 'error' ? 7000 : 3500);
  }, []);
  const signOut = useCallback(() => {
    forgetApiKey();
    setKey(undefined);
  }, []);
  const api = useMemo(() => createApiClient(() => key, signOut), [key, signOut]);
  const services: AppServices = useMemo(() => ({ api, navigate, toast }), [api, navigate, toast]);

  const languageSwitch = (
    <div className="language-switch" role="group" aria-label={t('nav.language')}>
      {LANGUAGES.map((l) => (
        <button key={l} type="button" className={i18n.language === l ? 'active' : ''} onClick={() => void i18n.changeLanguage(l)} data-testid={`lang-${l}`} lang={l}>
          {l === 'zh-CN' ? '中文' : 'EN'}
        </button>
      ))}
    </div>
  );

  if (!key) {
    return (
      <AppContext.Provider value={services}>
        <LoginScreen
          languageSwitch={languageSwitch}
          onKey={(k) => {
            storeApiKey(k);
            setKey(k);
          }}
        />
      </AppContext.Provider>
    );
  }

  const nav = [
    { path: '/journeys', label: t('nav.journeys'), active: route.page === 'journeys' || route.page === 'editor' },
    { path: '/templates', label: t('nav.templates'), active: route.page === 'templates' || route.page === 'template' },
    { path: '/customers', label: t('nav.customers'), active: route.page === 'customers' },
    { path: '/tasks', label: t('nav.tasks'), active: route.page === 'tasks' },
  ];
  return (
    <AppContext.Provider value={services}>
      <div className={`app${route.page === 'editor' ? ' app-editor' : ''}`}>
        <header className="app-header">
          <a className="brand" href="/journeys" onClick={(e) => { e.preventDefault(); navigate('/journeys'); }}>
            <span className="brand-mark" aria-hidden>
              ◐
            </span>
            {t('app.name')}
          </a>
          <nav className="app-nav">
            {nav.map((n) => (
              <a key={n.path} href={n.path} className={n.active ? 'active' : ''} onClick={(e) => { e.preventDefault(); navigate(n.path); }}>
                {n.label}
              </a>
            ))}
          </nav>
          <div className="app-header-end">
            {languageSwitch}
            <button type="button" className="link-button" onClick={signOut}>
              {t('nav.signOut')}
            </button>
          </div>
        </header>
        <main className="app-main">
          {route.page === 'journeys' ? <JourneysScreen /> : null}
          {route.page === 'editor' ? <EditorScreen key={route.id} journeyId={route.id} /> : null}
          {route.page === 'templates' ? <TemplatesScreen /> : null}
          {route.page === 'template' ? <TemplateScreen key={route.id} templateId={route.id} /> : null}
          {route.page === 'customers' ? <CustomersScreen {...(route.id ? { customerId: route.id } : {})} /> : null}
          {route.page === 'tasks' ? <TasksScreen /> : null}
        </main>
        <div className="toasts" aria-live="polite">
          {toasts.map((x) => (
            <div key={x.id} className={`toast ${x.tone}`} role={x.tone === 'error' ? 'alert' : 'status'}>
              {typeof x.text === 'string' ? x.text : t(x.text.key, x.text.values ?? {})}
            </div>
          ))}
        </div>
      </div>
    </AppContext.Provider>
  );
}
