import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { useHistory } from './history-store.ts';

/** Exports a job or a store's history to CSV, then says what was saved. */
export function ExportButton(props: {
  label: string;
  target: { jobId: string } | { externalId: string };
}) {
  const { t } = useTranslation('jobs');
  const exportCsv = useHistory((state) => state.exportCsv);
  const exported = useHistory((state) => state.exported);
  const error = useHistory((state) => state.exportError);
  return (
    <div className="history-export">
      <button type="button" className="button" onClick={() => void exportCsv(props.target)}>
        <Download size={14} aria-hidden="true" /> {props.label}
      </button>
      <p className="muted" role="status">
        {exported ? t('history.exported', { file: exported.fileName, count: exported.rows }) : ''}
      </p>
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
