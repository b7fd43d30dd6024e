import { defineConfig } from 'wxt';
import { hardenBundle } from './build/harden-bundle';
import { builtInHostOrigins } from './utils/hosts/registry';

// Tandem's extension build. One source tree, two packages: Chrome MV3 (side panel) and
// Firefox MV2 (sidebar_action, which WXT maps from entrypoints/sidepanel/ by itself).
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [hardenBundle()] }),
  manifest: ({ browser }) => ({
    name: 'Tandem',
    description:
      'One lead definition, campaign context and feedback loop for Sales and Marketing, beside the contact in view.',
    permissions: ['storage', 'alarms', 'scripting', 'contextMenus', 'activeTab', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    // A sync server on this machine needs no prompt; a remote one (https only) is asked for
    // when a person connects to it (DESIGN.md rule 7).
    // The built-in hosts' origins too: the in-page sidebar's frame gets its own (first-party)
    // storage only where the extension holds host permission for the page around it.
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*', ...builtInHostOrigins],
    // Remote sync servers (https only) and hosts a person adds for the generic adapter.
    ...(browser === 'firefox' ? { optional_permissions: ['https://*/*', 'http://*/*'] } : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
    action: { default_title: 'Open Tandem' },
    commands: {
      'toggle-sidebar': { suggested_key: { default: 'Alt+Shift+T' }, description: 'Show or hide Tandem in the page' },
    },
    // The in-page sidebar's page, framed on the built-in hosts and on hosts a person adds, so
    // any http(s) page may frame it (neither browser adds web-accessible resources at run
    // time); it shows nothing until the background vouches for that one frame
    // (utils/background/frames.ts, SECURITY.md). Chrome: at a URL that changes every session.
    web_accessible_resources:
      browser === 'firefox' ? ['overlay.html'] : [{ resources: ['overlay.html'], matches: ['https://*/*', 'http://*/*'], use_dynamic_url: true }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'tandem@tandem.example',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
