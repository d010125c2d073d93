import { Music } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../app/navigation-store.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';

export function LibraryScreen() {
  const { t } = useTranslation('library');
  const go = useNavigation((state) => state.go);
  return (
    <EmptyState
      icon={<Music size={40} />}
      title={t('empty.title')}
      body={t('empty.body')}
      action={{ label: t('empty.action'), onClick: () => go('settings', 'queye') }}
    />
  );
}
