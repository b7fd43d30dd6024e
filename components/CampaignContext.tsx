import { campaignsForContact, localToday, type CampaignTiming } from '../utils/campaigns';
import type { Campaign, ParsedContact } from '../utils/model';
import { formatDate } from './format';
import { SafeLink } from './SafeLink';

const timingText: Record<CampaignTiming, string> = { running: 'Running', upcoming: 'Upcoming', ended: 'Ended' };

/** The Marketing campaigns that concern this contact, why, and what to say. */
export function CampaignContext({ campaigns, contact }: { campaigns: Campaign[]; contact: ParsedContact }) {
  const matches = campaignsForContact(campaigns, contact, localToday());
  return (
    <section aria-labelledby="campaigns-heading" className="card">
      <h2 id="campaigns-heading">Campaign context</h2>
      {matches.length === 0 && <p className="muted">No campaign concerns this contact right now.</p>}
      {matches.map(({ campaign, timing, reasons }) => (
        <article key={campaign.id} className="campaign" aria-labelledby={`campaign-${campaign.id}`}>
          <h3 id={`campaign-${campaign.id}`}>
            {campaign.name} <span className={`pill ${timing}`}>{timingText[timing]}</span>
          </h3>
          <p className="muted">
            {campaign.product} · {formatDate(campaign.startsOn)}
            {campaign.endsOn && <> to {formatDate(campaign.endsOn)}</>} · {campaign.owner}
          </p>
          <ul className="why" aria-label="Why it matched">
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          {campaign.talkingPoints.length > 0 && (
            <>
              <h4>What to say</h4>
              <ul>
                {campaign.talkingPoints.map((point, i) => (
                  <li key={i}>{point}</li>
                ))}
              </ul>
            </>
          )}
          {campaign.offer && (
            <p>
              <strong>Offer:</strong> {campaign.offer}
            </p>
          )}
          {campaign.assets.length > 0 && (
            <ul className="assets" aria-label="Assets">
              {campaign.assets.map((asset) => (
                <li key={asset.url}>
                  <SafeLink href={asset.url}>{asset.label}</SafeLink>
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
    </section>
  );
}
