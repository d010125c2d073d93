import type { ReactNode } from 'react';

interface Props {
  title: string;
  body: string;
  icon?: ReactNode;
  action?: { label: string; onClick: () => void };
}

/** What a screen shows before there is anything to show: why, and the one next step. */
export function EmptyState({ title, body, icon, action }: Props) {
  return (
    <section className="empty-state" aria-label={title}>
      {icon && (
        <div className="empty-state__icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <h2 className="empty-state__title">{title}</h2>
      <p className="empty-state__body">{body}</p>
      {action && (
        <button type="button" className="button button--primary" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </section>
  );
}
