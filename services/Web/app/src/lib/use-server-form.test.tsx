import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button, Form, Input } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from './api/problem';
import { mapFieldErrors, toNamePath, useServerForm } from './use-server-form';

describe('mapping field errors', () => {
  it('turns field paths into antd name paths', () => {
    expect(toNamePath('personId')).toEqual(['personId']);
    expect(toNamePath('members[0].birthDate')).toEqual(['members', 0, 'birthDate']);
    expect(toNamePath('a.b[2][3]')).toEqual(['a', 'b', 2, 3]);
  });

  it('puts known fields on the form and the rest above it', () => {
    const mapped = mapFieldErrors({ personId: ['bad id'], 'members[1].name': ['too long'], stationId: ['unknown'] }, ['personId', 'members']);
    expect(mapped.fields).toEqual([
      { name: ['personId'], errors: ['bad id'] },
      { name: ['members', 1, 'name'], errors: ['too long'] },
    ]);
    expect(mapped.other).toEqual(['unknown']);
  });
});

interface Values { personId: string; name: string }

function TestForm({ submit }: { submit: (values: Values, requestId: string) => Promise<unknown> }) {
  const [form] = Form.useForm<Values>();
  const { onFinish, pending, formError } = useServerForm(form, submit, { describe: () => 'failed' });
  return (
    <Form form={form} initialValues={{ personId: 'p-1', name: '' }} onFinish={(v) => void onFinish(v)}>
      {formError.length > 0 && <div role="alert">{formError.join(' ')}</div>}
      <Form.Item label="Person" name="personId"><Input /></Form.Item>
      <Form.Item label="Name" name="name"><Input /></Form.Item>
      <Button htmlType="submit" loading={pending}>Save</Button>
    </Form>
  );
}

describe('useServerForm', () => {
  it("shows the server's field errors next to the fields", async () => {
    const submit = vi.fn(async () => {
      throw new ApiProblem(400, { status: 400, errors: { PersonId: ['is required and must be a non-empty id.'], Other: ['not yours'] } });
    });
    render(<TestForm submit={submit} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('is required and must be a non-empty id.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('not yours');
    expect(screen.getByLabelText('Person')).toHaveAttribute('aria-invalid', 'true');
  });

  it('keeps the request id across a failed submit and renews it after success', async () => {
    const ids: string[] = [];
    let fail = true;
    const submit = vi.fn(async (_: Values, requestId: string) => {
      ids.push(requestId);
      if (fail) { fail = false; throw new ApiProblem(503, { status: 503 }); }
      return 'ok';
    });
    render(<TestForm submit={submit} />);
    const save = screen.getByRole('button', { name: 'Save' });
    await userEvent.click(save);
    await screen.findByRole('alert');
    await userEvent.click(save);
    await waitFor(() => expect(submit).toHaveBeenCalledTimes(2));
    await userEvent.click(save);
    await waitFor(() => expect(submit).toHaveBeenCalledTimes(3));
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[1]);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('submits once when a second submit comes before the first has re-rendered (a double click)', async () => {
    let finish: (value: string) => void = () => {};
    const submit = vi.fn(() => new Promise<string>((resolve) => { finish = resolve; }));
    const { result } = renderHook(() => {
      const [form] = Form.useForm<Values>();
      return useServerForm(form, submit);
    });
    const onFinish = result.current.onFinish;
    let first: Promise<void> = Promise.resolve();
    await act(async () => {
      first = onFinish({} as Values);
      await onFinish({} as Values); // the same render's callback: `pending` is still false in it
    });
    expect(submit).toHaveBeenCalledTimes(1);
    await act(async () => { finish('ok'); await first; });
    await act(async () => { const again = result.current.onFinish({} as Values); finish('ok'); await again; });
    expect(submit).toHaveBeenCalledTimes(2);
  });
});
