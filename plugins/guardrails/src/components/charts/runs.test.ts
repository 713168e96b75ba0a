import { splitRuns } from './runs';

describe('splitRuns', () => {
  it('breaks the items where neighbours are not adjacent', () => {
    expect(splitRuns([1, 2, 3, 5, 6, 9], (a, b) => b === a + 1)).toEqual([
      [1, 2, 3],
      [5, 6],
      [9],
    ]);
  });

  it('has no run without items', () => {
    expect(splitRuns([], () => true)).toEqual([]);
  });
});
