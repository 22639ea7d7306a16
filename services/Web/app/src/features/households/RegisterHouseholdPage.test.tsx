import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeHost, renderPage } from '@/test/render';
import RegisterHouseholdPage from './RegisterHouseholdPage';

const stationId = '5a7e0000-0000-4000-8000-000000000001';
const registrar = { personId: '5a7e0000-0000-4000-8000-000000000002', stationId, isCaseworker: true };
const station = { id: stationId, districtCode: '971001', townshipCode: '971001001', name: '新华街道社工站', registeredInNationalSystem: false, openedAt: '2026-01-01T00:00:00Z', version: 1 };
// GB 11643-1999's own example: a woman born 1949-12-31.
const VALID_ID = '11010519491231002X';

// jsdom has no ResizeObserver; antd's text areas measure themselves with one.
beforeEach(() => vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} }));
afterEach(() => vi.unstubAllGlobals());

type User = ReturnType<typeof userEvent.setup>;

/** Pastes into a field (typing letter by letter is slow in jsdom, and the form reacts to a paste the same). */
async function enter(user: User, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

// antd's forms render slowly in jsdom on this machine's two shared cores.
const SLOW = 60_000;

describe('registering a household', () => {
  it('takes the station\'s district and township, checks the ID number as it is typed and reads the birth date and gender from it', async () => {
    vi.stubGlobal('fetch', vi.fn(fakeHost({ [`GET /api/cases/stations/${stationId}`]: station })));
    const user = userEvent.setup();
    renderPage(<RegisterHouseholdPage registrar={registrar} />);

    expect(await screen.findByDisplayValue('971001')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: '乡镇（街道）' })).toHaveValue('971001001');
    const member = screen.getByRole('group', { name: '成员 1' });
    const idNumber = within(member).getByRole('textbox', { name: '身份证号' });

    await enter(user, idNumber, '11010519491231002');
    await user.type(idNumber, '1');
    expect(await within(member).findByText('身份证号校验位不符，请核对（按前 17 位，最后一位应为 X）')).toBeInTheDocument();

    await user.clear(idNumber);
    await enter(user, idNumber, VALID_ID);
    await waitFor(() => expect(idNumber).not.toHaveAttribute('aria-invalid', 'true'));
    expect(within(member).getByRole('radio', { name: '女' })).toBeChecked();
    expect(within(member).getByPlaceholderText(/日期/)).toHaveValue('1949-12-31');
  }, SLOW);
});
