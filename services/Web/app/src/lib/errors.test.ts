import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ApiProblem } from '@/lib/api/problem';
import { describeError } from './errors';

const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key}:${JSON.stringify(options)}` : key)) as unknown as TFunction;

describe('describing a failed call', () => {
  it('says why a named rule forbade it, in the server\'s words, and the general refusal otherwise', () => {
    const named = new ApiProblem(403, { detail: '只有接收该转介的服务提供方才能执行此操作。', rule: 'referral.provider-only' });
    expect(describeError(t, named)).toBe('errors.forbiddenRule:{"detail":"只有接收该转介的服务提供方才能执行此操作。"}');
    expect(describeError(t, new ApiProblem(403, { title: 'Forbidden' }))).toBe('errors.forbiddenText');
  });
});
