import { Permission } from '@forum/contracts';
import { decide, PERMISSION_GRANTS } from './permission-table';

const inBody = (seat: 'member' | 'observer' | 'co_chair' | null, lead = false, hiddenFromMembers = false) => ({
  kind: 'official' as const,
  inBody: { seat, lead, hiddenFromMembers },
});

describe('the permission table', () => {
  it('has a grant for every permission', () => {
    for (const permission of Object.values(Permission)) expect(PERMISSION_GRANTS[permission]?.holders.length).toBeGreaterThan(0);
  });

  it('gives a stranger to the body 404 and a member who may not act 403, on reads and writes alike', () => {
    expect(decide(Permission.MeetingUpdate, inBody(null))).toBe('not_found');
    expect(decide(Permission.MeetingUpdate, inBody('member'))).toBe('forbidden');
    expect(decide(Permission.MeetingRead, inBody(null))).toBe('not_found');
    expect(decide(Permission.MeetingRead, inBody('observer'))).toBe('allow');
  });

  it('hides what is the secretariat’s only (a draft meeting) from members as if it did not exist', () => {
    expect(decide(Permission.MeetingRead, inBody('co_chair', false, true))).toBe('not_found');
    expect(decide(Permission.MeetingRead, { kind: 'secretariat' })).toBe('allow');
  });

  it('lets the lead government’s official update an action item, not a supporting one', () => {
    expect(decide(Permission.ActionItemUpdate, inBody('member', true))).toBe('allow');
    expect(decide(Permission.ActionItemUpdate, inBody('member', false))).toBe('forbidden');
  });

  it('keeps concurrence to non-observer members: not the observer, not the secretariat', () => {
    expect(decide(Permission.CommuniqueConcur, inBody('member'))).toBe('allow');
    expect(decide(Permission.CommuniqueConcur, inBody('co_chair'))).toBe('allow');
    expect(decide(Permission.CommuniqueConcur, inBody('observer'))).toBe('forbidden');
    expect(decide(Permission.CommuniqueConcur, { kind: 'secretariat' })).toBe('forbidden');
  });

  it('answers 403, not 404, to a stranger on the directory (join requests are decided by co-chairs)', () => {
    expect(decide(Permission.JoinRequestDecide, inBody(null))).toBe('forbidden');
    expect(decide(Permission.JoinRequestDecide, inBody('co_chair'))).toBe('allow');
    expect(decide(Permission.JoinRequestCreate, inBody(null))).toBe('allow');
  });

  it('decides on the role alone when the route addresses nothing in a body', () => {
    expect(decide(Permission.UserList, { kind: 'official' })).toBe('forbidden');
    expect(decide(Permission.MeetingRead, { kind: 'official' })).toBe('allow');
    expect(decide('no.such.permission' as Permission, { kind: 'secretariat' })).toBe('forbidden');
  });
});
