import { useId } from 'react';
import {
  audienceWeight,
  CampaignDraft,
  campaignFormFrom,
  checkCampaign,
  newCampaignForm,
  previewCampaign,
  type AssetRow,
  type CampaignForm,
  type ListRow,
} from '../../utils/editing/documents';
import { describeRule } from '../../utils/fit';
import { CampaignStatus, type Campaign } from '../../utils/model';
import { SafeLink } from '../SafeLink';
import { CriteriaBuilder } from './CriteriaBuilder';
import { DocumentsEditor, type DocumentSpec, type FieldsProps } from './DocumentsEditor';
import { focusSoon, GroupProblem, RowButtons, SelectField, TextField, type Problems } from './Field';
import { useRecentContacts } from './hooks';
import { dates } from './text';
import type { EditorProps } from './types';
import './editors.css';

const statusWords: Record<CampaignStatus, string> = { draft: 'Draft', active: 'Active', paused: 'Paused', ended: 'Ended' };
const statusChoices = CampaignStatus.options.map((value) => ({ value, label: value === 'draft' ? 'Draft (not shown to Sales yet)' : statusWords[value] }));

function TalkingPoints({ points, onChange, problems }: { points: ListRow[]; onChange(points: ListRow[]): void; problems: Problems }) {
  const uid = useId();
  const inputId = (p: ListRow) => `${uid}-${p.key}`;
  return (
    <fieldset className="ed-group">
      <legend>Talking points</legend>
      <p className="ed-hint">What Sales should say, shown beside matching contacts.</p>
      <GroupProblem name="talkingPoints" problems={problems} />
      {points.map((point, i) => (
        <div key={point.key} className="ed-row ed-row-flat">
          <TextField
            label={`Talking point ${i + 1}`}
            inputId={inputId(point)}
            multiline
            rows={2}
            value={point.text}
            onChange={(text) => onChange(points.map((p, j) => (j === i ? { ...p, text } : p)))}
            name={`talkingPoints.${i}`}
            problems={problems}
          />
          <RowButtons list={points} index={i} onChange={onChange} focusIdOf={inputId} addId={`${uid}-add`} />
        </div>
      ))}
      <button
        type="button"
        id={`${uid}-add`}
        className="secondary"
        onClick={() => {
          const point = { key: crypto.randomUUID(), text: '' };
          onChange([...points, point]);
          focusSoon(inputId(point));
        }}
      >
        Add talking point
      </button>
    </fieldset>
  );
}

function Assets({ assets, onChange, problems }: { assets: AssetRow[]; onChange(assets: AssetRow[]): void; problems: Problems }) {
  const uid = useId();
  const labelId = (a: AssetRow) => `${uid}-${a.key}`;
  const set = (i: number, asset: AssetRow) => onChange(assets.map((a, j) => (j === i ? asset : a)));
  return (
    <fieldset className="ed-group">
      <legend>Assets</legend>
      <p className="ed-hint">Links Sales can open: decks, recordings, case studies (http or https only).</p>
      <GroupProblem name="assets" problems={problems} />
      {assets.map((asset, i) => (
        <fieldset key={asset.key} className="ed-row">
          <legend>{asset.label.trim() || `Asset ${i + 1}`}</legend>
          <div className="ed-inline">
            <TextField label="Label" inputId={labelId(asset)} value={asset.label} onChange={(label) => set(i, { ...asset, label })} name={`assets.${i}.label`} problems={problems} />
            <TextField label="URL" type="url" value={asset.url} onChange={(url) => set(i, { ...asset, url })} name={`assets.${i}.url`} problems={problems} />
          </div>
          <RowButtons list={assets} index={i} onChange={onChange} focusIdOf={labelId} addId={`${uid}-add`} />
        </fieldset>
      ))}
      <button
        type="button"
        id={`${uid}-add`}
        className="secondary"
        onClick={() => {
          const asset = { key: crypto.randomUUID(), label: '', url: '' };
          onChange([...assets, asset]);
          focusSoon(labelId(asset));
        }}
      >
        Add asset
      </button>
    </fieldset>
  );
}

/** The recent contacts the campaign would reach as it stands, and why. */
function CampaignPreview({ workspace, form }: { workspace: EditorProps['workspace']; form: CampaignForm }) {
  const recent = useRecentContacts(workspace);
  const rows = recent.status === 'ready' ? previewCampaign(form, recent.value) : [];
  return (
    <section className="ed-preview" aria-labelledby={`preview-${form.id}`}>
      <h4 id={`preview-${form.id}`}>Who it reaches among recent contacts</h4>
      {recent.status === 'loading' && <p className="muted">Loading…</p>}
      {recent.status === 'error' && <p className="error">{recent.message}</p>}
      {recent.status === 'ready' &&
        (recent.value.length === 0 ? (
          <p className="muted">No contacts seen on this device yet.</p>
        ) : (
          <>
            <p className="muted" data-testid="campaign-preview-summary">
              Would reach {rows.length} of {recent.value.length} recent contacts, whatever its dates and status.
            </p>
            <ul className="ed-matches" data-testid="campaign-preview">
              {rows.map((row) => (
                <li key={row.key}>
                  <strong>{row.name}</strong>
                  <ul className="why">
                    {row.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}

function CampaignFields({ form, set, problems, workspace, firstInputId }: FieldsProps<'campaign', CampaignForm>) {
  return (
    <>
      <TextField label="Name" inputId={firstInputId} value={form.name} onChange={(name) => set({ name })} name="name" problems={problems} />
      <div className="ed-inline">
        <TextField label="Product" value={form.product} onChange={(product) => set({ product })} name="product" problems={problems} />
        <SelectField label="Status" value={form.status} options={statusChoices} onChange={(status) => set({ status })} name="status" problems={problems} />
      </div>
      <div className="ed-inline">
        <TextField label="Starts on" type="date" value={form.startsOn} onChange={(startsOn) => set({ startsOn })} name="startsOn" problems={problems} />
        <TextField label="Ends on" type="date" value={form.endsOn} onChange={(endsOn) => set({ endsOn })} name="endsOn" problems={problems} hint="Leave empty if it has no end yet." />
      </div>
      <CriteriaBuilder
        legend="Audience"
        noun="Audience rule"
        addLabel="Add audience rule"
        rows={form.audience}
        onChange={(audience) => set({ audience })}
        weights={false}
        newWeight={audienceWeight}
        errorKey="audience"
        problems={problems}
        hint="Who the campaign is for: a contact must pass every rule. No rules: everyone."
      />
      <TextField
        label="Target accounts"
        multiline
        rows={4}
        value={form.targetAccounts}
        onChange={(targetAccounts) => set({ targetAccounts })}
        name="targetAccounts"
        problems={problems}
        hint="Email or web domains, one per line, like example.com."
      />
      <TextField label="UTM campaign" value={form.utmCampaign} onChange={(utmCampaign) => set({ utmCampaign })} name="utmCampaign" problems={problems} hint="The utm_campaign tag of its links, to know who came in through it." />
      <TalkingPoints points={form.talkingPoints} onChange={(talkingPoints) => set({ talkingPoints })} problems={problems} />
      <TextField label="Offer" multiline rows={2} value={form.offer} onChange={(offer) => set({ offer })} name="offer" problems={problems} />
      <Assets assets={form.assets} onChange={(assets) => set({ assets })} problems={problems} />
      <TextField label="Owner" value={form.owner} onChange={(owner) => set({ owner })} name="owner" problems={problems} />
      <CampaignPreview workspace={workspace} form={form} />
    </>
  );
}

function CampaignSummary({ record }: { record: Campaign }) {
  return (
    <span className="muted">
      {record.product} · <span className={`pill ${record.status}`}>{statusWords[record.status]}</span> · {dates(record.startsOn, record.endsOn)}
    </span>
  );
}

function CampaignDetails({ record }: { record: Campaign }) {
  return (
    <article className="ed-details" aria-labelledby={`campaign-${record.id}`}>
      <h3 id={`campaign-${record.id}`}>{record.name}</h3>
      <p>
        <CampaignSummary record={record} /> <span className="muted">· {record.owner}</span>
      </p>
      <h4>Audience</h4>
      {record.audience.length ? (
        <ul>
          {record.audience.map((c) => (
            <li key={c.id}>
              {c.label}: <span className="muted">{describeRule(c)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Every contact.</p>
      )}
      {record.targetAccounts.length > 0 && <p>Target accounts: {record.targetAccounts.join(', ')}</p>}
      {record.utmCampaign && <p>UTM campaign: {record.utmCampaign}</p>}
      {record.talkingPoints.length > 0 && (
        <>
          <h4>Talking points</h4>
          <ul>
            {record.talkingPoints.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </>
      )}
      {record.offer && <p>Offer: {record.offer}</p>}
      {record.assets.length > 0 && (
        <ul className="assets" aria-label="Assets">
          {record.assets.map((a) => (
            <li key={a.url}>
              <SafeLink href={a.url}>{a.label}</SafeLink>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

const campaignSpec: DocumentSpec<'campaign', CampaignForm> = {
  kind: 'campaign',
  heading: 'Campaigns',
  noun: 'campaign',
  newLabel: 'New campaign',
  saveLabel: 'Save campaign',
  mutation: 'campaign.put',
  draftSchema: CampaignDraft,
  formFrom: campaignFormFrom,
  newForm: ({ owner, today }) => newCampaignForm(owner, today),
  check: (draft) => checkCampaign(draft),
  nameOf: (form) => form.name.trim(),
  order: (a, b) => b.startsOn.localeCompare(a.startsOn) || a.name.localeCompare(b.name),
  Summary: CampaignSummary,
  Details: CampaignDetails,
  Fields: CampaignFields,
};

/** Marketing's campaigns: the list, and a form that covers the whole campaign, with who it would reach. */
export function CampaignsEditor(props: EditorProps) {
  return <DocumentsEditor spec={campaignSpec} {...props} />;
}
