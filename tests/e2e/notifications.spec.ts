import { expect, test } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { freePort } from './server-process';
import { enterContact, gotoSection, teamSession } from './team';

// The team channel hears about feedback as it happens: a webhook an admin adds on the options
// page, a receiver on localhost that is down at first, and a real server process.
const session = teamSession();
test.afterEach(() => session.cleanUp());

interface Delivery {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A webhook receiver on 127.0.0.1:port that answers 200 and keeps what it got. */
function listen(port: number, got: Delivery[]): Promise<Server> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      got.push({ headers: request.headers, body });
      response.writeHead(200).end('ok');
    });
  });
  return new Promise((done) => server.listen(port, '127.0.0.1', () => done(server)));
}

test('feedback given in the sidebar reaches a signed webhook, after the receiver comes back, once', async () => {
  test.setTimeout(120_000);
  // Retries every 2 s for about half a minute: long enough that the admin's page, which
  // refreshes itself, sees the delivery waiting even on a loaded machine (8 × 400 ms ran out
  // before it looked once in a CI run), short enough that the receiver's return is seen quickly.
  const { code } = await session.demoServer({ TANDEM_WEBHOOK_RETRY_DELAYS: Array(15).fill('2s').join(','), TANDEM_WEBHOOK_POLL: '200ms' });
  const port = await freePort();
  const hookUrl = `http://127.0.0.1:${port}/hooks/tandem`;

  // The admin adds the webhook on the options page; its secret is shown once.
  const admin = await session.person(code('admin'), 'Alex Admin (admin)');
  await gotoSection(admin.options, 'team');
  const form = admin.options.getByRole('form', { name: 'Add a webhook' });
  await form.getByLabel('Webhook URL').fill(hookUrl);
  await form.getByLabel('Format').selectOption('json');
  await form.getByRole('button', { name: 'Add webhook' }).click();
  const secret = await admin.options.getByLabel('Signing secret').inputValue();
  expect(secret).toMatch(/^whsec_/);
  const listed = admin.options.getByRole('list', { name: 'Webhooks' });
  await expect(listed).toContainText(hookUrl);
  await expect(listed).toContainText('Feedback given on a lead');

  // The rep gives feedback while the receiver is down.
  const rep = await session.person(code('sales'), 'Jordan Lee (sales)');
  const panel = await rep.browser.openPage('sidepanel.html#feedback');
  await enterContact(panel, 'dana.whitfield@contoso.com', 'Dana Whitfield');
  await panel.getByLabel('Reject').check();
  await panel.getByLabel('Too small').check();
  await panel.getByLabel('Note for Marketing (optional)').fill('=HYPERLINK("x") only 12 people <!channel>');
  await panel.getByRole('button', { name: 'Send feedback' }).click();
  await expect(panel.getByTestId('sync-status')).toContainText('Synced', { timeout: 15_000 });

  // The server keeps trying: the admin's page says so without a reload.
  await expect(admin.options.getByRole('list', { name: 'Webhooks' })).toContainText(/Last delivery waiting.*1 waiting/, { timeout: 20_000 });
  await admin.options.getByRole('button', { name: 'Deliveries' }).click();
  await expect(admin.options.getByRole('table', { name: 'Latest deliveries' })).toContainText('feedback.created');

  // The receiver comes back and gets it, signed.
  const got: Delivery[] = [];
  const receiver = await listen(port, got);
  try {
    await expect.poll(() => got.length, { timeout: 20_000 }).toBe(1);
    const [delivery] = got;
    const timestamp = String(delivery!.headers['x-tandem-timestamp']);
    const expected = 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${delivery!.body}`).digest('hex');
    expect(delivery!.headers['x-tandem-signature']).toBe(expected);
    expect(delivery!.headers['x-tandem-event']).toBe('feedback.created');
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(300);
    const payload = JSON.parse(delivery!.body) as { event: string; data: { summary: string; feedback: { note: string; author: { name: string } } } };
    expect(payload.event).toBe('feedback.created');
    expect(payload.data.feedback.note).toBe('=HYPERLINK("x") only 12 people <!channel>');
    expect(payload.data.feedback.author.name).toBe('Jordan Lee');
    expect(payload.data.summary).toContain('Jordan Lee rejected Dana Whitfield');
    // Delivered once: nothing more arrives in the next retry slot (2 s).
    await new Promise((done) => setTimeout(done, 2500));
    expect(got).toHaveLength(1);
  } finally {
    await new Promise((done) => receiver.close(done));
  }
});
