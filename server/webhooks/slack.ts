/**
 * Slack's incoming webhooks read `<...>` as mentions and links (`<!channel>`, `<@U123>`,
 * `<http://evil|innocent text>`) and `&...;` as entities. Slack asks senders to escape
 * exactly these three characters in text they did not mean as markup; every character of
 * a summary is text (names, notes, replies people typed), so all of it is escaped.
 */
export function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The body a `slack` webhook receives. */
export function slackBody(summary: string): string {
  return JSON.stringify({ text: slackEscape(summary) });
}
