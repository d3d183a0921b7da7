/** `exit` node in the editor: the customer leaves here, with an optional reason. */
import { useTranslation } from 'react-i18next';
import type { ExitNode } from '../../../dsl/nodes/exit.ts';
import { Field, TextInput } from '../../inspector/controls.tsx';
import type { FormProps, NodeKindModule } from '../node-kind.ts';

function ExitForm({ node, onChange }: FormProps<ExitNode>) {
  const { t } = useTranslation();
  return (
    <Field label={t('inspector.reason')}>
      {(id) => (
        <TextInput
          id={id}
          value={node.reason ?? ''}
          onChange={(reason) => {
            const { reason: _old, ...rest } = node;
            onChange(reason === '' ? rest : { ...rest, reason }, `exit-reason:${node.id}`);
          }}
        />
      )}
    </Field>
  );
}

export const exitKind: NodeKindModule<ExitNode> = {
  kind: 'exit',
  icon: '■',
  accent: '#64748b',
  palette: [{ key: 'exit', icon: '■', create: (id) => ({ id, kind: 'exit' }) }],
  summary: (node, _doc, t) => node.reason ?? t('kindHelp.exit'),
  Form: ExitForm,
};
