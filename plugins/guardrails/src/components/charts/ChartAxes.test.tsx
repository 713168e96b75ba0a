import { renderInTestApp } from '@backstage/test-utils';
import { ChartAxes } from './ChartAxes';
import { ChartFrame, valueScale } from './scale';

const frame: ChartFrame = {
  width: 400,
  height: 200,
  pad: { top: 10, right: 10, bottom: 30, left: 40 },
};

async function axisTexts(values: number[], format?: (v: number) => string) {
  const { container } = await renderInTestApp(
    <svg>
      <ChartAxes
        frame={frame}
        scale={valueScale(frame, values)}
        labels={[
          { x: 40, text: '2026-12-01', anchor: 'start' },
          { x: 390, text: '2026-12-03', anchor: 'end' },
        ]}
        formatTick={format}
      />
    </svg>,
  );
  return Array.from(container.querySelectorAll('text')).map(text => ({
    text: text.textContent,
    y: Number(text.getAttribute('y')),
  }));
}

describe('ChartAxes', () => {
  it('rounds the top of the axis up to 1, 2 or 5 times a power of ten and marks its half', async () => {
    const texts = await axisTexts([3, 101, 40]);
    expect(texts.map(t => t.text)).toEqual([
      '0',
      '100',
      '200',
      '2026-12-01',
      '2026-12-03',
    ]);
    // 0 sits at the bottom of the plot, the top value at its top.
    expect(texts[0].y).toBe(200 - 30 + 4);
    expect(texts[2].y).toBe(10 + 4);
  });

  it('draws an axis from 0 to 1 when every value is 0 or there is none', async () => {
    expect((await axisTexts([])).slice(0, 3).map(t => t.text)).toEqual([
      '0',
      '0.5',
      '1',
    ]);
    expect((await axisTexts([0, 0])).slice(0, 3).map(t => t.text)).toEqual([
      '0',
      '0.5',
      '1',
    ]);
  });

  it('writes the tick values in the given format', async () => {
    const texts = await axisTexts([4200], v => v.toLocaleString('en'));
    expect(texts.slice(0, 3).map(t => t.text)).toEqual(['0', '2,500', '5,000']);
  });
});
