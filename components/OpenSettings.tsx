import type { ReactNode } from 'react';

/** A button that opens one section of Tandem's settings (options page) in a tab. */
export function OpenSettings({ section, children }: { section: 'definition' | 'campaigns' | 'inbox' | 'team' | 'workspace'; children: ReactNode }) {
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${section}`) })}
    >
      {children}
    </button>
  );
}

/** A button that opens the shared dashboard in a tab. */
export function OpenDashboard({ children }: { children: ReactNode }) {
  return (
    <button type="button" className="link-button" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') })}>
      {children}
    </button>
  );
}
