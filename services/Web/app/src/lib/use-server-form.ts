import { useCallback, useRef, useState } from 'react';
import type { FormInstance } from 'antd';
import { isApiProblem } from '@/lib/api/problem';

export type FieldPath = (string | number)[];

/** "items[0].name" → ["items", 0, "name"]: an antd Form NamePath. */
export function toNamePath(field: string): FieldPath {
  const path: FieldPath = [];
  for (const segment of field.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(segment);
    if (!match) {
      path.push(segment);
      continue;
    }
    if (match[1]) path.push(match[1]);
    for (const index of match[2]?.matchAll(/\[(\d+)\]/g) ?? []) path.push(Number(index[1]));
  }
  return path;
}

export interface MappedErrors {
  /** Errors for fields the form has: shown next to them. */
  fields: { name: FieldPath; errors: string[] }[];
  /** Errors for anything else (or for the body as a whole): shown above the form. */
  other: string[];
}

/** Splits a problem's fieldErrors into the form's fields and the rest. */
export function mapFieldErrors(fieldErrors: Record<string, string[]>, knownFields: string[]): MappedErrors {
  const known = new Set(knownFields);
  const mapped: MappedErrors = { fields: [], other: [] };
  for (const [field, errors] of Object.entries(fieldErrors)) {
    const name = toNamePath(field);
    const top = String(name[0] ?? '');
    if (field !== '' && known.has(top)) mapped.fields.push({ name, errors });
    else mapped.other.push(...errors);
  }
  return mapped;
}

/** A fresh id for a create: the client names the record, so a repeated submit makes it once. */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Submits an antd form to the server: while pending the button is busy (no double submit), the
 * server's field errors land on the fields (form.setFields), the rest in `formError`. `requestId`
 * stays the same until a submit succeeds, so retrying after a lost answer reuses the record's id.
 */
export function useServerForm<TValues, TResult>(
  form: FormInstance<TValues>,
  submit: (values: TValues, requestId: string) => Promise<TResult>,
  options: { onSuccess?: (result: TResult, values: TValues) => void; describe?: (error: unknown) => string } = {},
) {
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string[]>([]);
  const [requestId, setRequestId] = useState(newId);
  // Two submits can finish validating before React re-renders (a double click): the ref sees the first at once.
  const inFlight = useRef(false);

  const onFinish = useCallback(
    async (values: TValues) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setPending(true);
      setFormError([]);
      try {
        const result = await submit(values, requestId);
        setRequestId(newId());
        options.onSuccess?.(result, values);
      } catch (error) {
        if (isApiProblem(error) && Object.keys(error.fieldErrors).length > 0) {
          const known = Object.keys(form.getFieldsValue(true) as Record<string, unknown>);
          const mapped = mapFieldErrors(error.fieldErrors, known);
          form.setFields(mapped.fields as Parameters<FormInstance<TValues>["setFields"]>[0]);
          setFormError(mapped.other);
        } else {
          setFormError([options.describe ? options.describe(error) : String(error)]);
        }
      } finally {
        inFlight.current = false;
        setPending(false);
      }
    },
    [form, options, requestId, submit],
  );

  return { onFinish, pending, formError, requestId, resetRequestId: () => setRequestId(newId()) };
}
