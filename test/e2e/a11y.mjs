// Accessibility and layout checks in the page: axe-core's WCAG 2 A and AA rules on the suite's own elements, and
// the words and column titles a narrow layout must not break.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

const WCAG2_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core inside `root` (a locator of an element the suite renders) and returns its serious and critical
 * violations as readable lines, empty when there are none. The script is evaluated through the DevTools protocol,
 * so the portal's Content-Security-Policy stays as it is.
 */
export async function seriousViolations(root) {
  const handle = await root.elementHandle();
  const page = root.page();
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(axeSource);
  }
  const result = await page.evaluate(
    ([element, tags]) =>
      window.axe.run(element, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    [handle, WCAG2_A_AA],
  );
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v =>
      v.nodes.map(
        node =>
          `${v.impact} ${v.id}: ${node.target.join(' ')}: ${
            node.any[0]?.message ?? node.failureSummary
          }`,
      ),
    );
}

/**
 * The words inside `root` that the layout splits over two lines ("NetworkPolic" / "y"): a word is a run of letters
 * and digits, or a date such as 2026-12-15, within one text node; wrapping at spaces, or at the hyphens, dots or
 * slashes of names, keeps words whole.
 */
export async function brokenWords(root) {
  return root.evaluate(element => {
    const broken = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[aria-hidden="true"], svg')) continue;
      const style = getComputedStyle(parent);
      if (style.visibility === 'hidden' || parent.offsetParent === null) {
        continue;
      }
      for (const match of node.data.matchAll(
        /\d{4}-\d{2}-\d{2}|[\p{L}\p{N}]+/gu,
      )) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(
          [...range.getClientRects()]
            .filter(r => r.width > 0)
            .map(r => Math.round(r.top)),
        );
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

/**
 * The column titles inside `root` that take more than one line or overflow their cell: each header cell's visible
 * text must sit on one line within the cell.
 */
export async function wrappedHeaders(root) {
  return root.evaluate(element =>
    [...element.querySelectorAll('thead th')]
      .filter(th => {
        const cell = th.getBoundingClientRect();
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        const rects = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.data.trim() === '') continue;
          // Text for screen readers only is clipped to a pixel: it has no line to keep.
          if (node.parentElement.getBoundingClientRect().width <= 1) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          rects.push(...[...range.getClientRects()].filter(r => r.width > 0));
        }
        const lines = new Set(rects.map(r => Math.round(r.top)));
        return lines.size > 1 || rects.some(r => r.right > cell.right + 0.5);
      })
      .map(th => th.textContent.trim()),
  );
}
