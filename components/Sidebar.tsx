import { useEffect, useState } from 'react';
import { hostNames } from '../utils/hosts/registry';
import { unrememberedFacts, withRemembered } from '../utils/facts/remember';
import { ContactContext, contactKey, HttpUrl, type FactValue, type LeadDefinition, type TabContext } from '../utils/model';
import type { SidebarSource } from '../utils/views';
import { CampaignContext } from './CampaignContext';
import { CaptureReview } from './CaptureReview';
import { LeadsList } from './LeadsList';
import { usePendingCapture } from './usePendingCapture';
import { ConnectForm } from './ConnectForm';
import { ContactPicker } from './ContactPicker';
import { DefinitionHistory } from './DefinitionHistory';
import { DefinitionView } from './DefinitionView';
import { diffDefinitions, summariseChanges } from '../utils/definitionDiff';
import { unreadFeedback } from '../utils/unread';
import { FeedbackPanel } from './FeedbackPanel';
import { FitCard } from './FitCard';
import { OpenDashboard, OpenSettings } from './OpenSettings';
import { marketingRoles } from '../utils/mutators';
import { useLive, type Loadable } from './hooks';
import { SyncBar } from './SyncBar';
import { Tabs, type TabSpec } from './Tabs';

type TabKey = 'fit' | 'campaigns' | 'feedback' | 'definition' | 'leads';
const tabKeys: TabKey[] = ['fit', 'campaigns', 'feedback', 'definition', 'leads'];

function initialTab(): TabKey {
  const hash = location.hash.slice(1) as TabKey;
  return tabKeys.includes(hash) ? hash : 'fit';
}

/** What the page in view says about its contact, in words, above the picker. */
function PageContactNote({ tab }: { tab: TabContext }) {
  const host = hostNames[tab.host];
  const { detection } = tab;
  if (detection.kind === 'unreadable') {
    return (
      <p role="status" className="warning" data-testid="page-contact">
        Tandem can’t read this {host} view (it could not find the {detection.failed}). Pick the contact below instead.
      </p>
    );
  }
  if (detection.kind === 'none') return null;
  const { name, email, company } = detection.contact;
  return (
    <p className="page-contact" data-testid="page-contact">
      In view on {host}: <strong>{name ?? email ?? company ?? 'this record'}</strong>
      {name && email && <span className="muted"> · {email}</span>}
      {!name && !email && company && <span className="muted"> · account</span>}
    </p>
  );
}

/** The `custom:<key>` fields a definition's criteria read. */
function customFieldsOf(definition: LeadDefinition | undefined): string[] {
  const all = definition ? [...definition.criteria, ...definition.disqualifiers] : [];
  return [...new Set(all.map((c) => c.field).filter((f) => f.startsWith('custom:')))].sort();
}

/** Says, once per new version, that the lead definition changed and how. */
function DefinitionNotice(props: { definition: LeadDefinition; seen?: LeadDefinition; onShow(from: number): void; onDismiss(): void }) {
  const { definition, seen } = props;
  const summary = seen ? summariseChanges(diffDefinitions(seen, definition)) : undefined;
  return (
    <div role="status" className="card definition-notice" data-testid="definition-notice">
      <p>
        <strong>The lead definition changed</strong>: version {definition.number}, published by {definition.publishedBy}.
        {summary && <> {summary.charAt(0).toUpperCase() + summary.slice(1)}.</>}
      </p>
      {definition.changeNote && <p className="muted prewrap">“{definition.changeNote}”</p>}
      <div className="actions">
        <button type="button" onClick={() => props.onShow(seen?.number ?? definition.number)}>
          See what changed
        </button>
        <button type="button" className="secondary" onClick={props.onDismiss}>
          Got it
        </button>
      </div>
    </div>
  );
}

function WorkspaceView({ source, tab: pageTab }: { source: SidebarSource; tab?: TabContext | null }) {
  const [tab, setTab] = useState<TabKey>(initialTab);
  // A contact picked by hand holds until the page shows another one.
  const [picked, setPicked] = useState<{ key: string; pageKey: string | undefined }>();
  const pageContact = pageTab?.detection.kind === 'contact' ? ContactContext.safeParse(pageTab.detection.contact) : undefined;
  const fromPage = pageContact?.success ? pageContact.data : undefined;
  const pageKey = fromPage ? contactKey(fromPage) : undefined;
  const selectedKey = picked && picked.pageKey === pageKey ? picked.key : (pageKey ?? picked?.key);
  const setSelectedKey = (key: string) => setPicked({ key, pageKey });

  // The contact the page shows is remembered for the picker.
  useEffect(() => {
    if (fromPage && pageKey) void source.remember(fromPage);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pageKey, source]);
  const shared = useLive(source, ['definition', 'campaign', 'feedback', 'read'], (s) => s.loadShared());
  const recent = useLive(source, ['recent'], (s) => s.loadRecent());
  const leads = useLive(source, ['lead', 'outbox'], (s) => s.loadLeads());
  const [pending, clearPending] = usePendingCapture();
  // The version “See what changed” compares the newest with.
  const [compareFrom, setCompareFrom] = useState<number>();
  const newest = shared.status === 'ready' ? shared.value.definition?.number : undefined;
  const seen = shared.status === 'ready' ? shared.value.definitionSeen : undefined;
  // The first definition a device shows is not news; later versions are, until seen.
  useEffect(() => {
    if (newest !== undefined && seen === null) void source.markDefinitionSeen(newest);
  }, [newest, seen, source]);
  const [captureMessage, setCaptureMessage] = useState<string | null>(null);

  useEffect(() => {
    const onHash = () => setTab(initialTab());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const recentList = recent.status === 'ready' ? recent.value : [];
  const chosen = selectedKey === pageKey && fromPage ? { key: pageKey!, contact: fromPage } : (recentList.find((r) => r.key === selectedKey) ?? recentList[0]);
  const key = chosen?.key;
  // The team's own fields the definition reads, whose remembered facts are looked up too.
  const customFields = shared.status === 'ready' ? customFieldsOf(shared.value.definition) : [];
  const remembered = useLive(source, ['fact'], (s) => (key ? s.loadFacts(key, customFields) : Promise.resolve([])), [key, customFields.join(',')]);

  if (shared.status !== 'ready' || recent.status !== 'ready') {
    const failed = shared.status === 'error' ? shared : recent.status === 'error' ? recent : null;
    return failed ? <p role="alert" className="error">Tandem could not read its data: {failed.message}</p> : <p className="muted">Loading…</p>;
  }
  const { definition, history: versions, definitionSeen, campaigns, feedback, problems } = shared.value;
  const shown = chosen ? ContactContext.parse(chosen.contact) : undefined;
  const records = remembered.status === 'ready' ? remembered.value : [];
  // What the page shows, with what the team remembers about the contact (DESIGN.md rule 9).
  const known = shown ? withRemembered(shown, records, new Date().toISOString()) : undefined;
  const contact = known?.contact;
  const pageUrl = pageTab && HttpUrl.safeParse(pageTab.url).success ? pageTab.url : undefined;
  // What the page showed that the team does not know yet, remembered when the rep acts on the contact (feedback, capture, confirm).
  const unremembered = shown ? unrememberedFacts(shown, records, { signature: true }) : [];
  const rememberShown = async () => {
    if (key && unremembered.length) await source.write('fact.put', { contactKey: key, learned: 'page', learnedAt: new Date().toISOString(), facts: unremembered, ...(pageUrl && key === pageKey ? { pageUrl } : {}) });
  };
  const addFact = key ? (fact: FactValue) => source.write('fact.put', { contactKey: key, learned: 'person', learnedAt: new Date().toISOString(), facts: [fact] }) : undefined;
  const threads = key ? feedback.filter((f) => f.subject.contactKey === key) : [];
  const unreadThreads = unreadFeedback(threads, shared.value.read, source.info.member).length;

  const tabs: TabSpec<TabKey>[] = [
    { key: 'fit', label: 'Fit' },
    { key: 'campaigns', label: 'Campaigns' },
    { key: 'feedback', label: 'Feedback', badge: threads.length, unread: unreadThreads },
    { key: 'definition', label: 'Definition' },
    { key: 'leads', label: 'Leads' },
  ];

  const edits = marketingRoles.includes(source.info.member.role);
  const needContact = <p className="muted">Pick a contact above, or enter one with “New…”.</p>;
  const needDefinition = <p className="muted">Marketing has not published a lead definition in this workspace yet.</p>;

  return (
    <>
      <SyncBar source={source} />
      {source.info.kind === 'demo' &&
        (source.canManageConnection ? (
          <details className="connect-invite">
            <summary>Connect to your team’s server</summary>
            <ConnectForm />
          </details>
        ) : (
          <p className="connect-invite">
            <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
              Connect to your team’s server in Tandem’s settings
            </button>
          </p>
        ))}
      {pending && leads.status === 'ready' && (
        <CaptureReview
          key={pending.id}
          source={source}
          pending={pending}
          definition={definition}
          campaigns={campaigns}
          leads={leads.value.leads}
          onDone={(message, capturedKey) => {
            setCaptureMessage(message);
            void clearPending();
            // Capturing the contact in view is acting on it: what its page showed is remembered.
            if (capturedKey && capturedKey === key) void rememberShown().catch(() => undefined);
          }}
        />
      )}
      {captureMessage && (
        <p role="status" className="ok" data-testid="capture-message">
          {captureMessage}
        </p>
      )}
      {definition && definitionSeen !== null && definition.number > definitionSeen && (
        <DefinitionNotice
          definition={definition}
          seen={versions.find((d) => d.number === definitionSeen) ?? versions.find((d) => d.number < definition.number)}
          onShow={(from) => {
            setCompareFrom(from);
            setTab('definition');
            history.replaceState(null, '', '#definition');
            void source.markDefinitionSeen(definition.number);
          }}
          onDismiss={() => void source.markDefinitionSeen(definition.number)}
        />
      )}
      {pageTab && <PageContactNote tab={pageTab} />}
      <ContactPicker source={source} recent={recent.value} selectedKey={key} onSelect={setSelectedKey} />
      {problems.length > 0 && (
        <p role="status" className="warning">
          {problems.length} stored {problems.length === 1 ? 'record' : 'records'} could not be read and{' '}
          {problems.length === 1 ? 'was' : 'were'} skipped ({problems[0]!.type}: {problems[0]!.message}).
        </p>
      )}
      <Tabs label="Tandem sections" tabs={tabs} selected={tab} onSelect={(k) => { setTab(k); history.replaceState(null, '', `#${k}`); }}>
        {tab === 'fit' &&
          (!contact ? (
            needContact
          ) : !definition ? (
            needDefinition
          ) : (
            <FitCard
              definition={definition}
              contact={contact}
              conflicts={known?.conflicts}
              onAddFact={addFact}
              unremembered={remembered.status === 'ready' ? { count: unremembered.length, remember: rememberShown } : undefined}
            />
          ))}
        {tab === 'campaigns' && (
          <>
            {edits && (
              <p>
                <OpenSettings section="campaigns">Edit campaigns</OpenSettings>
              </p>
            )}
            {contact ? <CampaignContext campaigns={campaigns} contact={contact} /> : needContact}
          </>
        )}
        {tab === 'feedback' &&
          (contact && key ? (
            <FeedbackPanel source={source} contactKey={key} contact={contact} feedback={feedback} read={shared.value.read} onSent={() => void rememberShown().catch(() => undefined)} />
          ) : (
            needContact
          ))}
        {tab === 'definition' &&
          (definition ? (
            <>
              {edits && (
                <p>
                  <OpenSettings section="definition">Edit the lead definition</OpenSettings>
                </p>
              )}
              <DefinitionView definition={definition} />
              <DefinitionHistory key={compareFrom} history={versions} from={compareFrom} />
            </>
          ) : (
            needDefinition
          ))}
        {tab === 'leads' && (leads.status === 'ready' ? <LeadsList view={leads.value} /> : <p className="muted">Loading…</p>)}
      </Tabs>
    </>
  );
}

/** The one Sidebar app, shown in Chrome's side panel and Firefox's sidebar (and, later, in pages). */
export function Sidebar({ tab, source: workspace }: { tab?: TabContext | null; source: Loadable<SidebarSource> }) {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Tandem</h1>
        <OpenDashboard>Dashboard</OpenDashboard>
        {workspace.status === 'ready' && (
          <p className="workspace">
            {workspace.value.info.name}
            {workspace.value.info.kind === 'server' && <span className="muted"> · {workspace.value.info.member.name} ({workspace.value.info.member.role})</span>}
            {workspace.value.info.kind === 'demo' && (
              <span className="pill demo" title="Sample data on this device only; connect to a server to work with your team.">
                Demo data
              </span>
            )}
          </p>
        )}
      </header>
      <main>
        {workspace.status === 'loading' && <p className="muted">Loading…</p>}
        {workspace.status === 'error' && <p role="alert" className="error">{workspace.message}</p>}
        {workspace.status === 'ready' && <WorkspaceView source={workspace.value} tab={tab} />}
      </main>
    </div>
  );
}
