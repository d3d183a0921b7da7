/** The UI languages: the same keys in zh-CN and en, no empty label, Chinese by default for a Chinese browser. */
import { describe, expect, it } from 'vitest';
import { en } from '../../editor/i18n/en.ts';
import { initialLanguage, localized } from '../../editor/i18n/index.ts';
import { zhCN } from '../../editor/i18n/zh-CN.ts';

function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof v === 'string') out.set(path, v);
    else for (const [k, s] of leaves(v, path)) out.set(k, s);
  }
  return out;
}

describe('i18n', () => {
  it('zh-CN and en have the same keys and no empty label', () => {
    const zh = leaves(zhCN);
    const english = leaves(en);
    expect([...zh.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of [...zh, ...english]) expect(text.trim(), key).not.toBe('');
  });

  it('Chinese labels are Chinese wherever the English ones are words', () => {
    const zh = leaves(zhCN);
    const untranslated = [...leaves(en)].filter(([key, text]) => /[a-z]{4,}/i.test(text) && zh.get(key) === text && !['kinds.webhook', 'editor.json', 'editor.dsl', 'app.name'].includes(key));
    expect(untranslated).toEqual([]);
  });

  it('starts in Chinese for a Chinese browser, remembers the choice, else English', () => {
    expect(initialLanguage(['zh-CN', 'en'], null)).toBe('zh-CN');
    expect(initialLanguage(['zh-TW'], null)).toBe('zh-CN');
    expect(initialLanguage(['en-US'], null)).toBe('en');
    expect(initialLanguage(['zh-CN'], 'en')).toBe('en');
    expect(localized({ zh: '活跃期', en: 'Active' }, 'zh-CN')).toBe('活跃期');
    expect(localized({ zh: '', en: 'Active' }, 'zh-CN')).toBe('Active');
  });
});
