import type { ReactNode } from 'react';

/** Text from anywhere is shown as text; only http(s) URLs become links (DESIGN.md rule 2). */
export function SafeLink({ href, children }: { href: string; children: ReactNode }) {
  let safe = false;
  try {
    safe = ['http:', 'https:'].includes(new URL(href).protocol);
  } catch {
    safe = false;
  }
  if (!safe) return <span>{children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}
