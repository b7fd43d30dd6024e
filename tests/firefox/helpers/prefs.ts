// Shared settings for the Firefox test helpers (bidi.ts and marionette.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export type PrefValue = string | number | boolean;
export type Prefs = Record<string, PrefValue>;

/** Firefox binary; FIREFOX_PATH overrides Debian's firefox-esr. */
export const firefoxPath = (): string => process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Environment for Firefox. MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 (what Mozilla's own test harnesses
 * set) refuses connections to anything but loopback, and is the only way release/ESR builds honour
 * the `services.settings.server` override (otherwise Remote Settings still syncs from Mozilla).
 */
export const firefoxEnv = (): NodeJS.ProcessEnv => ({ ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' });

/** The gecko id from wxt.config.ts (browser_specific_settings.gecko.id). */
export const GECKO_ID = 'tandem@tandem.example';

/** The built Firefox package (`npm run build`). */
export const DEFAULT_EXTENSION_DIR = fileURLToPath(new URL('../../../.output/firefox-mv2', import.meta.url));

/** Fails early, and says what to run, when the extension has not been built. */
export function assertBuilt(dir: string): string {
  const abs = path.resolve(dir);
  if (!existsSync(path.join(abs, 'manifest.json'))) {
    throw new Error(`No built extension at ${abs}: run \`npm run build\` (or \`npx wxt build -b firefox\`) first.`);
  }
  return abs;
}

/**
 * Prefs for a test profile: no prompts for optional permissions, and no background network
 * connections (updates, telemetry, studies, remote settings, safe browsing, captive portal,
 * DNS-over-HTTPS, prefetching, OCSP, push). Puppeteer adds its own defaults on top of these;
 * Marionette profiles get only these (plus Marionette's "recommended" prefs).
 */
export const TEST_PREFS: Prefs = {
  'extensions.webextOptionalPermissionPrompts': false,
  'app.update.disabledForTesting': true,
  'app.update.auto': false,
  'app.normandy.enabled': false,
  'app.normandy.api_url': '',
  'app.shield.optoutstudies.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.policy.firstRunURL': '',
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': '',
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.enabled': false,
  'browser.newtabpage.activity-stream.feeds.system.topstories': false,
  'browser.newtabpage.activity-stream.feeds.topsites': false,
  'browser.topsites.contile.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.search.update': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.discovery.enabled': false,
  'browser.aboutwelcome.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.sessionstore.resume_from_crash': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.blocklist.enabled': false,
  'media.gmp-manager.updateEnabled': false,
  'media.gmp-manager.url': '',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'captivedetect.canonicalURL': '',
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.predictor.enabled': false,
  'network.http.speculative-parallel-limit': 0,
  'security.OCSP.enabled': 0,
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'dom.push.connection.enabled': false,
  'geo.provider.network.url': '',
  'identity.fxaccounts.enabled': false,
};

/** Serialises prefs as the lines of a profile's user.js. */
export function userJs(prefs: Prefs): string {
  return Object.entries(prefs)
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join('\n') + '\n';
}
