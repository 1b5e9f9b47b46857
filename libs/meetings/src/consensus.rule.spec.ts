import { consensusOf, ConsensusSeat } from './consensus.rule';

const seat = (governmentId: string, present = true, role: ConsensusSeat['role'] = 'member'): ConsensusSeat => ({ governmentId, role, present });

describe('consensus on a decision', () => {
  const seats = [seat('ca', true, 'co_chair'), seat('on'), seat('bc'), seat('mb', false), seat('qc', true, 'observer')];

  it('holds when every present party took a position and none dissents; abstention does not break it', () => {
    expect(
      consensusOf(seats, [
        { governmentId: 'ca', position: 'agree' },
        { governmentId: 'on', position: 'agree_with_reservation' },
        { governmentId: 'bc', position: 'abstain' },
      ]),
    ).toBe(true);
  });

  it('fails with one dissent, or while a present party has not taken a position', () => {
    expect(
      consensusOf(seats, [
        { governmentId: 'ca', position: 'agree' },
        { governmentId: 'on', position: 'dissent' },
        { governmentId: 'bc', position: 'agree' },
      ]),
    ).toBe(false);
    expect(
      consensusOf(seats, [
        { governmentId: 'ca', position: 'agree' },
        { governmentId: 'on', position: 'agree' },
      ]),
    ).toBe(false);
  });

  it('counts neither observers nor absent governments, and needs someone present', () => {
    expect(
      consensusOf(seats, [
        { governmentId: 'ca', position: 'agree' },
        { governmentId: 'on', position: 'agree' },
        { governmentId: 'bc', position: 'agree' },
        { governmentId: 'mb', position: 'dissent' },
      ]),
    ).toBe(true);
    expect(consensusOf([seat('ca', false)], [])).toBe(false);
  });
});
