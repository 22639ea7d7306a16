import type { ReactNode } from 'react';

/**
 * A plain card for the phone: antd's Card brings Tabs, Dropdown and Menu along, which the field
 * app never shows (they cost it about a fifth of its initial JavaScript).
 */
export function Panel({ title, extra, children, className }: { title?: ReactNode; extra?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`field-panel${className ? ` ${className}` : ''}`}>
      {(title || extra) && <div className="field-panel__head">{title}{extra}</div>}
      <div className="field-panel__body">{children}</div>
    </section>
  );
}
