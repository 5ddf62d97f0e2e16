// Printing (打印), one way for every page: the print stylesheet (print.css) hides the sidebar, header and controls
// and unfolds what is folded; this module does what CSS alone cannot — it fits every el-table to the page width
// (each column keeps its share of the screen width, so header, body and summary stay aligned and nothing is cut
// at the right), writes the filters as text, and names the printout (document.title, which the browser's own
// header shows, with its page numbers "1/3" in the footer). It runs on window.print() from the 打印 button, on
// the browser's own Ctrl+P (beforeprint) and whenever print media starts to apply (matchMedia: also when a test
// emulates print media), and undoes it all afterwards.

import { nextTick } from 'vue';

let installed = false;
let prepared = null; // what prepare() changed, for restore()
const builders = new Set(); // beforePrint hooks

// A page that builds part of itself only on demand (the report's folded units) builds all of it for print: `build`
// runs before the page is fitted and returns true when it changed the page; the tables are then fitted again once
// Vue has drawn them. Returns the function that removes the hook (for onBeforeUnmount).
export function beforePrint(build) {
  builders.add(build);
  return () => builders.delete(build);
}

function buildAll() {
  let changed = false;
  for (const build of builders) changed = build() === true || changed;
  return changed;
}

// prepare() for a print that has already begun (Ctrl+P, print media): what the hooks build is fitted on the next tick.
function preparePrint() {
  const changed = buildAll();
  prepare();
  if (changed) {
    nextTick(() => {
      if (!prepared) return;
      restore();
      prepare();
    });
  }
}

// The filter bar's settings as text: "组织：格尔木市；状态：整改中" (each item's label and what its control shows;
// a select showing only its placeholder, an empty box and an empty range are left out).
export function describeFilters(root = document) {
  const parts = [];
  for (const item of root.querySelectorAll('.main .filters .el-form-item')) {
    const label = (item.querySelector('.el-form-item__label')?.textContent || '').trim().replace(/[：:]$/, '');
    let value = '';
    const select = item.querySelector('.el-select');
    const range = [...item.querySelectorAll('input.el-range-input')].map((i) => i.value.trim());
    if (select) {
      const tags = [...select.querySelectorAll('.el-select__tags-text')].map((t) => t.textContent.trim()).filter(Boolean);
      const shown = select.querySelector('.el-select__placeholder:not(.is-transparent)');
      value = tags.length ? tags.join('、') : (shown?.textContent || '').trim();
    } else if (range.length) {
      value = range.every(Boolean) ? range.join(' 至 ') : '';
    } else {
      const input = item.querySelector('input:not([type=hidden]):not([type=checkbox]):not([type=radio])');
      value = (input?.value || '').trim();
    }
    if (label && value) parts.push(`${label}：${value}`);
  }
  return parts.join('；');
}

// Gives each column of every table its share of the table's width in percent, so the table fits any page.
function fitTables(changed) {
  for (const table of document.querySelectorAll('.main .el-table')) {
    for (const inner of table.querySelectorAll('table')) {
      const cols = [...inner.querySelectorAll(':scope > colgroup > col')];
      const widths = cols.map((col) => (col.getAttribute('name') === 'gutter' ? 0 : Number(col.getAttribute('width')) || 0));
      const total = widths.reduce((a, b) => a + b, 0);
      if (!total) continue;
      cols.forEach((col, i) => {
        changed.push(col);
        col.style.setProperty('width', `${((widths[i] / total) * 100).toFixed(3)}%`, 'important');
      });
    }
  }
}

// Runs before printing (idempotent).
export function prepare() {
  if (prepared) return;
  const filters = describeFilters();
  const cols = [];
  fitTables(cols);
  for (const slot of document.querySelectorAll('[data-print-filters]')) slot.textContent = filters ? `筛选：${filters}` : '';
  const head = document.querySelector('[data-print-title]');
  prepared = { cols, title: document.title };
  if (head) document.title = head.getAttribute('data-print-title');
}

export function restore() {
  if (!prepared) return;
  for (const col of prepared.cols) col.style.removeProperty('width');
  document.title = prepared.title;
  prepared = null;
}

// The 打印 button's action: the browser's print dialog, with the page made ready for it.
export async function printPage() {
  if (buildAll()) await nextTick();
  prepare();
  window.print();
}

// Once, from main.js: prepare for the browser's own print command and for print media however it starts.
export function installPrint() {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  window.addEventListener('beforeprint', preparePrint);
  window.addEventListener('afterprint', restore);
  const media = window.matchMedia?.('print');
  media?.addEventListener?.('change', (e) => (e.matches ? preparePrint() : restore()));
}

// "2026年12月2日 08:19" in Beijing time.
export function printTime(now = new Date()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日 ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`;
}

// The @page size of the page shown now: landscape where tables are wide (the print button says which).
let sizeUsers = 0;
export function usePageSize(landscape) {
  let style = document.getElementById('jc-print-page');
  if (!style) {
    style = document.createElement('style');
    style.id = 'jc-print-page';
    document.head.appendChild(style);
  }
  sizeUsers += 1;
  style.textContent = `@page { size: A4 ${landscape ? 'landscape' : 'portrait'}; }`;
  return () => {
    sizeUsers -= 1;
    if (!sizeUsers) style.textContent = '';
  };
}
