import { describe, expect, it } from 'vitest';
import { sendTopicRequest } from './topic-submit';

describe('sendTopicRequest', () => {
  it('sends nothing for a form with errors', async () => {
    let sent = false;
    const outcome = await sendTopicRequest({ ok: false, errors: { topic: 'required' } }, async () => (sent = true));
    expect(outcome).toEqual({ ok: false, errors: { topic: 'required' }, failure: '' });
    expect(sent).toBe(false);
  });

  it("puts a refusal's problems beside their fields and any other error in the failure line", async () => {
    const refused = Object.assign(new Error('refused'), {
      problems: [{ path: 'request.configs.retention.ms', message: 'invalid' }],
    });
    expect(await sendTopicRequest({ ok: true, request: {} }, () => Promise.reject(refused))).toEqual({
      ok: false,
      errors: { 'configs.retention.ms': 'invalid' },
      failure: '',
    });
    expect(
      await sendTopicRequest({ ok: true, request: {} }, () => Promise.reject(new Error('Connection closed'))),
    ).toEqual({ ok: false, errors: {}, failure: 'Connection closed' });
    expect(await sendTopicRequest({ ok: true, request: 2 }, async (n) => n * 2)).toEqual({ ok: true, value: 4 });
  });
});
