import { describe, expect, it } from 'vitest';
import hubspotScript from '../../entrypoints/hubspot.content';
import { hubspotAdapter } from '../../utils/hosts/hubspot';
import pipedriveScript from '../../entrypoints/pipedrive.content';
import { pipedriveAdapter } from '../../utils/hosts/pipedrive';
import zohoScript from '../../entrypoints/zoho.content';
import { zohoAdapter } from '../../utils/hosts/zoho';
import dynamicsScript from '../../entrypoints/dynamics.content';
import { dynamicsAdapter } from '../../utils/hosts/dynamics';
import apptivoScript from '../../entrypoints/apptivo.content';
import { apptivoAdapter } from '../../utils/hosts/apptivo';
import gmailScript from '../../entrypoints/gmail.content';
import salesforceScript from '../../entrypoints/salesforce.content';
import { gmailAdapter } from '../../utils/hosts/gmail';
import { builtInHostMatches, matchesPattern } from '../../utils/hosts/registry';
import { salesforceAdapter } from '../../utils/hosts/salesforce';

// A convention test: every built-in adapter runs where its content script and the
// background agree it runs.
describe('built-in hosts', () => {
  it.each([
    ['gmail', gmailAdapter, gmailScript],
    ['salesforce', salesforceAdapter, salesforceScript],
    ['hubspot', hubspotAdapter, hubspotScript],
    ['pipedrive', pipedriveAdapter, pipedriveScript],
    ['zoho', zohoAdapter, zohoScript],
    ['dynamics', dynamicsAdapter, dynamicsScript],
    ['apptivo', apptivoAdapter, apptivoScript],
  ] as const)('%s: adapter, content script and background agree on where it runs', (host, adapter, script) => {
    expect(adapter.id).toBe(host);
    expect([...adapter.matches]).toEqual(builtInHostMatches[host]);
    expect(script.matches).toEqual(builtInHostMatches[host]);
  });

  it.each([
    ['https://mail.google.com/mail/u/0/#inbox', 'https://mail.google.com/*', true],
    ['https://acme.lightning.force.com/lightning/r/Lead/00Q/view', 'https://*.lightning.force.com/*', true],
    ['https://lightning.force.com.evil.example/x', 'https://*.lightning.force.com/*', false],
    ['http://mail.google.com/mail', 'https://mail.google.com/*', false],
    ['https://evil.example/?https://mail.google.com/', 'https://mail.google.com/*', false],
    // The path is matched against the path and query, as the browsers do; never the hash.
    ['https://acme.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=1', 'https://*.crm4.dynamics.com/main.aspx*', true],
    ['https://acme.crm4.dynamics.com/WebResources/page.html?next=/main.aspx', 'https://*.crm4.dynamics.com/main.aspx*', false],
    ['https://evil.dynamics.com/main.aspx', 'https://*.crm4.dynamics.com/main.aspx*', false],
    ['https://app.apptivo.com/app/contacts.jsp#/view/80451277/overview', 'https://app.apptivo.com/app/contacts.jsp*', true],
    ['https://app.apptivo.com/app/cases.jsp#/app/contacts.jsp', 'https://app.apptivo.com/app/contacts.jsp*', false],
    ['https://crm.zoho.com/crm/org60012345678/tab/Leads/1', 'https://crm.zoho.com/crm/org*', true],
    ['https://crm.zoho.com/crm/WebFormServeServlet?rid=org1', 'https://crm.zoho.com/crm/org*', false],
  ])('%s against %s: %s', (url, pattern, expected) => {
    expect(matchesPattern(url, pattern)).toBe(expected);
  });
});
