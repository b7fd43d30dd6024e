import { useEffect, useId, useState, type FormEvent } from 'react';
import { WebhookEvent, webhookEventLabels, WebhookFormat, type WebhookDelivery, type WebhookSummary } from '../utils/model';
import type { AdminClient } from '../utils/sync/admin';
import { formatTime } from './format';
import { ShownOnce, useSubmit } from './TeamAdmin';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const formatWords: Record<WebhookFormat, string> = { json: 'JSON (signed payload)', slack: 'Slack incoming webhook' };
const refreshMs = 5000;
const statusWords = { pending: 'waiting', delivered: 'delivered', failed: 'failed' } as const;

function AddWebhook({ client, onAdded }: { client: AdminClient; onAdded(): void }) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['feedback.created', 'feedback.replied']);
  const [format, setFormat] = useState<WebhookFormat>('json');
  const { busy, error, run } = useSubmit();
  const [secret, setSecret] = useState<string>();
  const ids = { url: useId(), format: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await client.addWebhook({ url: url.trim(), events, format });
      setSecret(created.secret);
      setUrl('');
      onAdded();
    });
  };
  return (
    <>
      <form onSubmit={submit} aria-label="Add a webhook">
        <h4>Add a webhook</h4>
        <label htmlFor={ids.url}>Webhook URL</label>
        <input id={ids.url} type="url" value={url} onChange={(e) => setUrl(e.target.value)} required placeholder="https://hooks.example.com/tandem" />
        <fieldset>
          <legend>Events</legend>
          {WebhookEvent.options.map((e) => (
            <label key={e} className="check">
              <input
                type="checkbox"
                checked={events.includes(e)}
                onChange={(change) => setEvents(change.target.checked ? [...events, e] : events.filter((x) => x !== e))}
              />{' '}
              {webhookEventLabels[e]}
            </label>
          ))}
        </fieldset>
        <label htmlFor={ids.format}>Format</label>
        <select id={ids.format} value={format} onChange={(e) => setFormat(WebhookFormat.parse(e.target.value))}>
          {WebhookFormat.options.map((f) => (
            <option key={f} value={f}>
              {formatWords[f]}
            </option>
          ))}
        </select>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Adding…' : 'Add webhook'}
        </button>
      </form>
      {secret && (
        <ShownOnce label="Signing secret" value={secret}>
          The server signs every delivery with this secret: header <code>x-tandem-signature</code> is <code>sha256=</code> and
          the hex HMAC-SHA256 of <code>x-tandem-timestamp</code>, a dot and the raw body. It is shown only now.
        </ShownOnce>
      )}
    </>
  );
}

function DeliveryLog({ client, webhookId }: { client: AdminClient; webhookId: string }) {
  const [deliveries, setDeliveries] = useState<WebhookDelivery[]>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    client.deliveries(webhookId).then(
      (answer) => !cancelled && setDeliveries(answer.deliveries),
      (e: unknown) => !cancelled && setError(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [client, webhookId]);
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!deliveries) return <p className="muted">Loading…</p>;
  if (deliveries.length === 0) return <p className="muted">Nothing sent yet.</p>;
  return (
    <table className="members">
      <caption>Latest deliveries</caption>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last answer</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.deliveryId}>
            <th scope="row">
              {d.event} <span className="muted">{formatTime(d.createdAt)}</span>
            </th>
            <td>
              {statusWords[d.status]}
              {d.nextAttemptAt && <span className="muted"> · next try {formatTime(d.nextAttemptAt)}</span>}
            </td>
            <td>{d.attempts}</td>
            <td>{d.responseStatus ?? d.lastError ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WebhookRow({ client, webhook, onChanged }: { client: AdminClient; webhook: WebhookSummary; onChanged(message: string): void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<string>) =>
    void action().then(onChanged, (e: unknown) => setError(messageOf(e)));
  const last = webhook.lastAttempt;
  return (
    <li className="webhook">
      <p>
        <strong>{webhook.url}</strong> <span className="muted">· {formatWords[webhook.format]}</span>
        <br />
        <span className="muted">{webhook.events.map((e) => webhookEventLabels[e]).join(' · ')}</span>
        <br />
        {last ? (
          <span>
            Last delivery {statusWords[last.status]} {formatTime(last.at)}
            {last.error && <> ({last.error})</>}
          </span>
        ) : (
          <span className="muted">Nothing sent yet.</span>
        )}
        {(webhook.pending > 0 || webhook.failed > 0) && (
          <span className={webhook.failed ? 'error' : 'muted'}>
            {' '}
            · {webhook.pending} waiting, {webhook.failed} failed
          </span>
        )}
      </p>
      <div className="actions">
        <button type="button" className="secondary" aria-label={`Send a test to ${webhook.url}`} onClick={() => run(async () => (await client.testWebhook(webhook.webhookId), `A test was queued for ${webhook.url}.`))}>
          Send a test
        </button>
        <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide deliveries' : 'Deliveries'}
        </button>
        <button
          type="button"
          className="secondary"
          aria-label={`Remove the webhook ${webhook.url}`}
          onClick={() => {
            if (!confirm(`Stop sending events to ${webhook.url}? Deliveries not sent yet are dropped.`)) return;
            run(async () => {
              const { cancelled } = await client.removeWebhook(webhook.webhookId);
              return `Removed ${webhook.url}${cancelled ? `; ${cancelled} waiting ${cancelled === 1 ? 'delivery was' : 'deliveries were'} dropped` : ''}.`;
            });
          }}
        >
          Remove
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {open && <DeliveryLog client={client} webhookId={webhook.webhookId} />}
    </li>
  );
}

/** The admin's team notifications: webhooks the server calls on feedback, replies, captured leads and new definitions. */
export function WebhooksAdmin({ client }: { client: AdminClient }) {
  const [webhooks, setWebhooks] = useState<WebhookSummary[]>();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [loads, setLoads] = useState(0);
  useEffect(() => {
    let cancelled = false;
    client.webhooks().then(
      (answer) => {
        if (cancelled) return;
        setWebhooks(answer.webhooks);
        setError(null);
      },
      (e: unknown) => !cancelled && setError(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [client, loads]);
  const reload = () => setLoads((n) => n + 1);
  // Deliveries move on by themselves (sent, retried): look again every few seconds while shown.
  useEffect(() => {
    const timer = setInterval(() => document.visibilityState === 'visible' && setLoads((n) => n + 1), refreshMs);
    return () => clearInterval(timer);
  }, []);
  return (
    <section aria-labelledby="webhooks-heading">
      <h3 id="webhooks-heading">Notifications</h3>
      <p className="muted">
        The server tells your team’s tools (a Slack channel, your CRM, a script) when something happens, signed so they can
        check it came from Tandem; a receiver that is down gets it later.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      {webhooks &&
        (webhooks.length ? (
          <ul className="webhooks" aria-label="Webhooks">
            {webhooks.map((w) => (
              <WebhookRow
                key={w.webhookId}
                client={client}
                webhook={w}
                onChanged={(text) => {
                  setMessage(text);
                  reload();
                }}
              />
            ))}
          </ul>
        ) : (
          <p className="muted">No webhooks yet.</p>
        ))}
      <AddWebhook client={client} onAdded={reload} />
    </section>
  );
}
