import { deliveryFor, preferencesOf } from './delivery.rule';

describe('email delivery preference', () => {
  it('is immediate unless the person chose otherwise', () => {
    expect(deliveryFor('meetings', {})).toBe('immediately');
    expect(deliveryFor('meetings', { meetings: 'daily' })).toBe('daily');
    expect(deliveryFor('communiques', { communiques: 'off' })).toBe('off');
  });

  it('never turns off account emails, or nobody could accept an invitation', () => {
    expect(deliveryFor('account', { account: 'off' })).toBe('immediately');
  });

  it('lists every category', () => {
    expect(preferencesOf({ action_items: 'off' })).toEqual({
      meetings: 'immediately',
      action_items: 'off',
      communiques: 'immediately',
      membership: 'immediately',
      account: 'immediately',
      funding: 'immediately',
      indicators: 'immediately',
    });
  });
});
