import { roomsFor, roomsOfCaller } from './realtime-rooms';

describe('realtime rooms', () => {
  it('sends a body event to its members and the secretariat, never to everyone', () => {
    expect(roomsFor({ kind: 'body', bodyId: 'b1' })).toEqual({ everyone: false, rooms: ['body:b1', 'secretariat'] });
  });

  it('sends public events to every socket and user events to those users', () => {
    expect(roomsFor({ kind: 'public' })).toEqual({ everyone: true });
    expect(roomsFor({ kind: 'users', userIds: ['u1', 'u2'] })).toEqual({ everyone: false, rooms: ['user:u1', 'user:u2'] });
    expect(roomsFor({ kind: 'none' })).toEqual({ everyone: false, rooms: [] });
  });

  it('joins an official to their own, their government and their bodies rooms', () => {
    expect(roomsOfCaller({ userId: 'u', role: 'official', governmentId: 'g' }, ['b1', 'b2'])).toEqual(['user:u', 'gov:g', 'body:b1', 'body:b2']);
  });

  it('joins the secretariat to the room that receives every body event', () => {
    expect(roomsOfCaller({ userId: 's', role: 'secretariat', governmentId: null }, [])).toEqual(['user:s', 'secretariat']);
  });
});
