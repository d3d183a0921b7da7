/** A file picker whose button and "no file" text follow the UI language (the browser's own file input does not). */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function FilePicker({ label, accept, onFile, testId }: { label: string; accept: string; onFile: (file: File) => void; testId?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState<string | undefined>(undefined);
  return (
    <div className="file-picker">
      <label htmlFor={id} className="button">
        {label}
      </label>
      <input
        id={id}
        type="file"
        accept={accept}
        className="visually-hidden"
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          setName(file.name);
          onFile(file);
        }}
      />
      <span className="muted small">{name ?? t('common.noFile')}</span>
    </div>
  );
}
