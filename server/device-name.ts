/** The name of the first pattern that matches, in order: Edge and Opera say "Chrome" too. */
const pick = (ua: string, names: [RegExp, string][]) => names.find(([pattern]) => pattern.test(ua))?.[1];

/**
 * What an admin reads for a connected browser in the Team section: "Chrome on macOS", from
 * the User-Agent header the browser sent when it traded its connect code. Only the names of
 * the browser and the system are kept, never the header itself. Undefined when neither is
 * recognised.
 */
export function deviceName(userAgent: string | undefined): string | undefined {
  if (!userAgent) return undefined;
  const ua = userAgent.slice(0, 1000);
  const browser = pick(ua, [
    [/\bEdg(e|A|iOS)?\//, 'Edge'],
    [/\bOPR\/|\bOpera\b/, 'Opera'],
    [/\bVivaldi\//, 'Vivaldi'],
    [/\bSamsungBrowser\//, 'Samsung Internet'],
    [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
    [/\bChromium\//, 'Chromium'],
    [/\b(Headless)?Chrome\/|\bCriOS\//, 'Chrome'],
    [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  ]);
  const system = pick(ua, [
    [/\bWindows\b/, 'Windows'],
    [/\biPhone\b|\biPad\b|\biPod\b/, 'iOS'],
    [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
    [/\bCrOS\b/, 'ChromeOS'],
    [/\bAndroid\b/, 'Android'],
    [/\bLinux\b|\bX11\b/, 'Linux'],
  ]);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system;
}
