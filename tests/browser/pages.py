"""What browser tests check on every page: accessibility basics, and screenshots to keep."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ACCESSIBILITY_PROBLEMS = """
() => {
  const problems = [];
  const fields = document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea');
  for (const field of fields) {
    const labelled = (field.id && document.querySelector(`label[for="${CSS.escape(field.id)}"]`))
      || field.closest('label') || field.getAttribute('aria-label')
      || field.getAttribute('aria-labelledby');
    if (!labelled) problems.push(`no label: ${field.outerHTML.slice(0, 120)}`);
  }
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  if (headings.filter(h => h.tagName === 'H1').length !== 1) problems.push('not exactly one h1');
  let level = 0;
  for (const h of headings) {
    const next = Number(h.tagName[1]);
    if (next > level + 1) {
      problems.push(`heading skips a level: ${h.tagName} "${h.textContent.trim()}"`);
    }
    level = next;
  }
  for (const field of document.querySelectorAll('[aria-invalid="true"]')) {
    const ids = (field.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
    const said = ids.map(id => document.getElementById(id)).filter(e => e && e.textContent.trim());
    if (!said.length) {
      problems.push(`invalid field without its error beside it: ${field.name || field.id}`);
    }
  }
  return problems;
}
"""


def accessibility_problems(page: Any) -> list[str]:
    """Inputs without a label, headings out of order, invalid fields without their error."""
    found: list[str] = page.evaluate(ACCESSIBILITY_PROBLEMS)
    return found


def assert_accessible(page: Any) -> None:
    problems = accessibility_problems(page)
    assert not problems, f"{page.url}: " + "; ".join(problems)


def screenshot(page: Any, name: str) -> None:
    """Keep a screenshot of the page as `<name>.png` when KAOHE_SCREENSHOTS names a folder."""
    folder = os.environ.get("KAOHE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)
