import type { ReactNode } from 'react';

/** A column heading; `numeric` columns align right. */
export interface DataColumn {
  label: string;
  numeric?: boolean;
}

/**
 * A small, scrollable table of records (a log page, a job's stores, a history page): labelled
 * for assistive technology, headed by its columns, the rows given as children. Long lists that
 * must stay smooth at 100,000 rows use `VirtualTable` instead.
 */
export function DataTable({
  label,
  columns,
  children,
}: {
  label: string;
  columns: ReadonlyArray<string | DataColumn>;
  children: ReactNode;
}) {
  return (
    <div className="usage-table-wrap">
      <table className="usage-table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) => {
              const { label: heading, numeric } =
                typeof column === 'string' ? { label: column, numeric: false } : column;
              return (
                <th key={heading} scope="col" className={numeric ? 'usage-table__num' : undefined}>
                  {heading}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
