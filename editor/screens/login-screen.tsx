/** Sign-in with an API key (the start banner's login URL skips this screen). */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function LoginScreen({ onKey, languageSwitch }: { onKey: (key: string) => void; languageSwitch: ReactNode }) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  return (
    <div className="login">
      <form
        className="login-card"
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim()) onKey(key.trim());
        }}
      >
        <div className="login-top">
          <span className="brand-mark big" aria-hidden>
            ◐
          </span>
          {languageSwitch}
        </div>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        <label htmlFor="api-key">{t('login.key')}</label>
        <input id="api-key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} />
        <button type="submit" className="button primary block">
          {t('login.submit')}
        </button>
      </form>
    </div>
  );
}
