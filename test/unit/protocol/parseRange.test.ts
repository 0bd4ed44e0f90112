import { maxBufferedRangeBytes, parseRange, planRange } from '../../../shared/protocol/parseRange';

describe('parseRange and planRange', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=5-', { start: 5 }],
    ['BYTES = 5 - 9', { start: 5, end: 9 }],
    ['bytes=0-0', { start: 0, end: 0 }],
  ])('reads %j as one range', (header, range) => expect(parseRange(header)).toEqual(range));

  it.each([[undefined], [''], ['bytes=-5'], ['bytes=0-1,3-4'], ['items=0-1'], ['bytes=9-1'], ['bytes=a-b'], ['bytes=0-1 junk'], ['bytes=1234567890123456-']])(
    'ignores %j (the whole file)',
    (header) => expect(parseRange(header)).toBeUndefined(),
  );

  it('plans a known length: slice with the end cut, 416 from the start past the end', () => {
    expect(planRange({ start: 0, end: 99 }, 1000)).toEqual({ kind: 'slice', start: 0, end: 99, length: 1000 });
    expect(planRange({ start: 990, end: 2000 }, 1000)).toEqual({ kind: 'slice', start: 990, end: 999, length: 1000 });
    expect(planRange({ start: 10 }, 1000)).toEqual({ kind: 'slice', start: 10, end: 999, length: 1000 });
    expect(planRange({ start: 1000 }, 1000)).toEqual({ kind: 'unsatisfiable', length: 1000 });
    expect(planRange({ start: 0 }, 0)).toEqual({ kind: 'unsatisfiable', length: 0 });
    expect(planRange(undefined, 1000)).toEqual({ kind: 'whole' });
  });

  it('plans an unknown length: a closed range up to 8 MiB is buffered, anything else is the whole file', () => {
    expect(planRange({ start: 5, end: 5 + maxBufferedRangeBytes - 1 }, undefined)).toEqual({ kind: 'buffer', start: 5, end: 5 + maxBufferedRangeBytes - 1 });
    expect(planRange({ start: 5, end: 5 + maxBufferedRangeBytes }, undefined)).toEqual({ kind: 'whole' });
    expect(planRange({ start: 5 }, undefined)).toEqual({ kind: 'whole' });
  });
});
