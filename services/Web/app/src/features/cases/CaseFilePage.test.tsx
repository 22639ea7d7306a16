import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeHost, renderRoutes } from '@/test/render';
import CaseFilePage from './CaseFilePage';

const caseId = '0c5e0000-0000-4000-8000-000000000001';
const caseFile = {
  id: caseId, stationId: 's2', caseworkerId: 'c1', clientGroup: 'Elderly', categories: ['LivesAlone'],
  location: { district: '971001', township: '971001001', grid: 'G-01' }, status: 'Open', openedAt: '2026-12-01T02:00:00Z',
  needs: [], closedAt: null, version: 1, assessments: [], abilityLevel: null, riskLevel: null, proposedPlan: null, adoptedPlan: null,
  visits: [], lastVisitAt: null, activitiesAttended: 0, client: null, consents: [], safetyCheckRequired: false,
  personalDataErasedAt: null, nextVisitDue: null, visitOverdue: false,
};

// jsdom has no ResizeObserver; antd's tabs and text areas measure themselves with one.
beforeEach(() => vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} }));
afterEach(() => vi.unstubAllGlobals());

describe('another station\'s case file', () => {
  it('opens for a supervisor only after a reason, which every read carries percent-encoded', async () => {
    const reasons: (string | null)[] = [];
    vi.stubGlobal('fetch', vi.fn(fakeHost({
      [`GET /api/cases/cases/${caseId}`]: (request: Request) => {
        const reason = request.headers.get('X-Break-Glass-Reason');
        reasons.push(reason);
        return reason ? caseFile : new Response(JSON.stringify({ status: 404 }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
      },
    })));
    const reader = { personId: 'p1', isCaseworker: false, isSupervisor: true };
    renderRoutes([{ path: '*', element: <CaseFilePage caseId={caseId} tab="overview" reader={reader} /> }], '/');

    expect(await screen.findByRole('heading', { name: '未找到此个案' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '说明理由后查阅' }));
    await userEvent.type(await screen.findByRole('textbox', { name: '查阅理由' }), '老人走失');
    await userEvent.click(screen.getByRole('button', { name: '查阅个案' }));

    expect(await screen.findByRole('heading', { name: '个案 0c5e0000', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('紧急查阅（已留痕）：老人走失')).toBeInTheDocument();
    expect(reasons).toEqual([null, encodeURIComponent('老人走失')]);
    expect(screen.queryByRole('button', { name: '办理结案' })).not.toBeInTheDocument();
  });

  it('is simply not found for a caseworker', async () => {
    vi.stubGlobal('fetch', vi.fn(fakeHost({})));
    const reader = { personId: 'p1', isCaseworker: true, isSupervisor: false };
    renderRoutes([{ path: '*', element: <CaseFilePage caseId={caseId} tab="overview" reader={reader} /> }], '/');

    expect(await screen.findByRole('heading', { name: '页面不存在' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '说明理由后查阅' })).not.toBeInTheDocument();
  });
});

describe('a household that keeps skipping its meals', () => {
  it('shows the caseworker the run of skips and what clears it', async () => {
    vi.stubGlobal('fetch', vi.fn(fakeHost({
      [`GET /api/cases/cases/${caseId}`]: () => ({
        ...caseFile, mealSkips: [], mealsSkippedInARow: ['2026-12-03', '2026-12-05', '2026-12-07'], mealSkipsNoticedAt: '2026-12-06T11:00:00Z',
      }),
    })));
    const reader = { personId: 'c1', isCaseworker: true, isSupervisor: false };
    renderRoutes([{ path: '*', element: <CaseFilePage caseId={caseId} tab="overview" reader={reader} /> }], '/');

    expect(await screen.findByText('连续不需要送餐')).toBeInTheDocument();
    expect(screen.getByText(/住户自 2026\/12\/03 起已连续 3 次回复短信表示不需要送餐/)).toBeInTheDocument();
  });

  it('shows nothing while there is no run to answer', async () => {
    vi.stubGlobal('fetch', vi.fn(fakeHost({
      [`GET /api/cases/cases/${caseId}`]: () => ({ ...caseFile, mealSkips: [], mealsSkippedInARow: ['2026-12-03'] }),
    })));
    const reader = { personId: 'c1', isCaseworker: true, isSupervisor: false };
    renderRoutes([{ path: '*', element: <CaseFilePage caseId={caseId} tab="overview" reader={reader} /> }], '/');

    expect(await screen.findByRole('heading', { name: '个案 0c5e0000', level: 1 })).toBeInTheDocument();
    expect(screen.queryByText('连续不需要送餐')).not.toBeInTheDocument();
  });
});
