// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSummary, MemberSummary } from '../utils/model';
import { DeviceList } from './TeamAdmin';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

const device = (over: Partial<DeviceSummary>): DeviceSummary => ({
  deviceId: crypto.randomUUID(),
  name: 'Chrome on macOS',
  connectedAt: '2026-12-01T09:00:00.000Z',
  lastSeenAt: '2026-12-04T10:00:00.000Z',
  current: false,
  ...over,
});

const jordan = (devices: DeviceSummary[] | undefined, revoked = false): MemberSummary => ({
  memberId: crypto.randomUUID(),
  name: 'Jordan Lee',
  role: 'sales',
  revoked,
  createdAt: '2026-11-01T09:00:00.000Z',
  lastSyncAt: null,
  devices,
});

describe("the Team section's device list", () => {
  it('names each device, says when it connected and was last seen, and revokes one at a time, never the browser in use', async () => {
    const laptop = device({});
    const old = device({ name: null, lastSeenAt: null });
    const here = device({ name: 'Firefox on Linux', current: true });
    const revoked: DeviceSummary[] = [];
    await act(async () => root.render(createElement(DeviceList, { member: jordan([laptop, old, here]), onRevoke: (d: DeviceSummary) => revoked.push(d) })));
    const list = container.querySelector('ul[aria-label="Devices of Jordan Lee"]')!;
    const items = [...list.querySelectorAll('li')].map((li) => li.textContent);
    expect(items[0]).toMatch(/^Chrome on macOSConnected .+; last seen .+ Revoke device$/);
    expect(items[1]).toMatch(/^Unknown browserConnected .+; not seen yet Revoke device$/);
    expect(items[2]).toMatch(/^Firefox on Linux \(this browser\)Connected .+; last seen [^R]+$/);
    const buttons = [...list.querySelectorAll('button')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Revoke Chrome on macOS of Jordan Lee', 'Revoke Unknown browser of Jordan Lee']);
    await act(async () => buttons[1]!.click());
    expect(revoked).toEqual([old]);
  });

  it('asks for a connect code when there is no device, and shows nothing for a revoked member or an older server', async () => {
    await act(async () => root.render(createElement(DeviceList, { member: jordan([]), onRevoke: () => undefined })));
    expect(container.textContent).toBe('No device yet: hand them a connect code.');
    await act(async () => root.render(createElement(DeviceList, { member: jordan([device({})], true), onRevoke: () => undefined })));
    expect(container.textContent).toBe('');
    await act(async () => root.render(createElement(DeviceList, { member: jordan(undefined), onRevoke: () => undefined })));
    expect(container.textContent).toBe('');
  });
});
