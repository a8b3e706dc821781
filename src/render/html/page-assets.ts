/**
 * The page's one stylesheet and one script, inline so the file stands alone. Both are allowed by
 * their SHA-256 hash in the Content-Security-Policy (see page.ts), so nothing else can style or
 * script the page: not an injected <style>, not an inline event handler, not a script from a log.
 */

/** Light by default, dark when the reader's system asks; print is always light, every detail open. */
export const PAGE_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--card:#f6f8fa;--accent:#0550ae;
--s0:#8c959f;--s1:#54aeff;--s2:#4ac26b;--s3:#d4a72c;--s4:#fb8f44;--s5:#cf222e;--tx:rgba(0,0,0,.55);--rate:#1b1f24;--spark:#cf222e}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#30363d;--card:#161b22;--accent:#4493f8;
--s0:#6e7681;--s1:#388bfd;--s2:#2ea043;--s3:#bb8009;--s4:#db6d28;--s5:#f85149;--tx:rgba(255,255,255,.6);--rate:#f0f6fc;--spark:#f85149}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main,header.top,nav.toc{max-width:1240px;margin:0 auto;padding:0 20px}
header.top{padding-top:20px}
h1{font-size:1.6rem;margin:.2em 0}
h2{font-size:1.3rem;border-bottom:1px solid var(--line);padding-bottom:.2em;margin-top:1.6em}
h3{font-size:1.05rem;margin:1.2em 0 .4em}
.lede,.note,figcaption{color:var(--muted)}
.note{font-size:.9rem}
nav.toc ul{list-style:none;display:flex;flex-wrap:wrap;gap:.3em 1.2em;padding:0;margin:.6em 0}
a{color:var(--accent)}
code,pre,.where{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em}
pre.excerpt{margin:.2em 0 .6em;padding:.4em .6em;background:var(--card);border:1px solid var(--line);white-space:pre-wrap;overflow-wrap:anywhere}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin:12px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:10px 14px}
.card.wide{grid-column:span 2}
.card .k{display:block;color:var(--muted);font-size:.85rem}
.card .v{display:block;font-size:1.5rem;font-weight:600;font-variant-numeric:tabular-nums}
.card .v.small{font-size:1rem}
dl.accounting,dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:.6em 0}
dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto;max-width:100%;margin:.4em 0 1em}
table.data{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.3em 0;caption-side:top}
th,td{border-bottom:1px solid var(--line);padding:.3em .6em;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{background:var(--card);white-space:nowrap}
tbody th{font-weight:normal}
.n{text-align:right;white-space:nowrap}
td.prose{min-width:24em}
@media (max-width:640px){td.prose{min-width:14em}}
th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
input.filter{font:inherit;padding:.25em .5em;margin:.2em 0;width:min(320px,100%);background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:4px}
.pair,.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,520px),1fr));gap:0 24px}
figure{margin:.6em 0}
svg{display:block;max-width:100%;height:auto}
svg.chart{width:100%}
svg.spark{width:360px}
svg text{fill:var(--fg);font:12px system-ui,sans-serif}
svg text.end{text-anchor:end}svg text.mid{text-anchor:middle}
.grid path,path.grid{stroke:var(--line);stroke-width:1}
path.axis{stroke:var(--muted);stroke-width:1}
path.bar,rect.edge{stroke:var(--bg);stroke-width:.4}
path.rate{fill:none;stroke:var(--rate);stroke-width:2;stroke-dasharray:6 3}
path.sparkbar{fill:var(--spark)}
.s0{fill:var(--s0)}.s1{fill:var(--s1)}.s2{fill:var(--s2)}.s3{fill:var(--s3)}.s4{fill:var(--s4)}.s5{fill:var(--s5)}
pattern .tx{stroke:var(--tx);stroke-width:1.2}pattern .dot{fill:var(--tx)}
.multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:8px 24px}
.multiple{margin:0}
details.group{border:1px solid var(--line);border-radius:6px;margin:.5em 0;padding:.3em .8em}
details.group>summary{cursor:pointer;overflow-wrap:anywhere}
details.group .code{font-weight:700;font-family:ui-monospace,Menlo,Consolas,monospace}
.code{white-space:nowrap}
details.group .count{font-variant-numeric:tabular-nums;margin:0 .5em}
details.group .meaning{color:var(--muted)}
details.numbers>summary{cursor:pointer;color:var(--accent)}
ul.samples{padding-left:1.2em}
footer{max-width:1240px;margin:2em auto;padding:0 20px;color:var(--muted);font-size:.85rem}
.chart-wrap{overflow-x:auto;max-width:100%}
@media (max-width:640px){body{font-size:14px}svg.chart{min-width:680px}.card.wide{grid-column:auto}dl.accounting,dl.facts{grid-template-columns:1fr}dt{margin-top:.4em}}
@media print{
:root{color-scheme:light;--bg:#fff;--fg:#000;--muted:#333;--line:#bbb;--card:#f3f3f3;--tx:rgba(0,0,0,.55);--rate:#000}
nav.toc,input.filter{display:none}
.table-wrap,.chart-wrap{overflow:visible}
table.data{font-size:11px}thead th{white-space:normal}td.prose{min-width:0}svg.chart{min-width:0}
details::details-content{content-visibility:visible;display:contents}
section,figure,tr,details.group{break-inside:avoid}
h2,h3{break-after:avoid}
a{color:inherit;text-decoration:none}
}
`;

/**
 * Sort and filter where scripts run. It reads only text and `data-v` numbers and writes only
 * textContent, attributes it names and row order: log text is never parsed as HTML here either.
 */
export const PAGE_SCRIPT = `
(() => {
  for (const table of document.querySelectorAll('table.data')) {
    const body = table.tBodies[0];
    const head = table.tHead && table.tHead.rows[0];
    if (!body || !head || body.rows.length < 2) continue;
    const input = document.createElement('input');
    input.type = 'search';
    input.className = 'filter';
    input.placeholder = 'Filter rows';
    input.setAttribute('aria-label', 'Filter: ' + (table.caption ? table.caption.textContent : 'table'));
    input.addEventListener('input', () => {
      const q = input.value.toLowerCase();
      for (const row of body.rows) row.hidden = q !== '' && !row.textContent.toLowerCase().includes(q);
    });
    table.parentElement.before(input);
    const cells = [...head.cells];
    cells.forEach((th, col) => {
      const numeric = th.classList.contains('n');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = th.textContent;
      th.textContent = '';
      th.append(button);
      button.addEventListener('click', () => {
        const descending = th.getAttribute('aria-sort') !== 'descending';
        for (const other of cells) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        const key = (row) => {
          const c = row.cells[col];
          if (!numeric) return c ? c.textContent : '';
          return c && c.dataset.v !== undefined ? Number(c.dataset.v) : -Infinity;
        };
        const order = (a, b) => {
          const x = key(a);
          const y = key(b);
          const r = numeric ? (x === y ? 0 : x < y ? -1 : 1) : String(x).localeCompare(String(y));
          return descending ? -r : r;
        };
        body.append(...[...body.rows].sort(order));
      });
    });
  }
  addEventListener('beforeprint', () => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
})();
`;
