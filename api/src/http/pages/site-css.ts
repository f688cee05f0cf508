/**
 * The reader site's one stylesheet: system fonts, one accent colour, contrast at least 4.5:1
 * everywhere (checked by axe-core in the browser tests), and a single column below 720 px.
 * Served as a content-hashed asset (never inline: the pages' CSP allows only 'self').
 */
export const SITE_CSS = `
:root{--ink:#1b1c1e;--muted:#54585e;--line:#dfe1e4;--soft:#f5f6f7;--accent:#b3261e;--accent-ink:#fff;--good:#1c6b37;--bad:#a1221a;--best:#fff4d6;--radius:10px;color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
a{color:var(--accent)}
a:hover{text-decoration-thickness:2px}
img{max-width:100%;height:auto}
.skip{position:absolute;left:-9999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem 1rem;z-index:9}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.top{border-bottom:1px solid var(--line);background:#fff}
.top .wrap{display:flex;align-items:center;gap:1.5rem;flex-wrap:wrap;padding-top:.8rem;padding-bottom:.8rem}
.brand{font-weight:800;font-size:1.35rem;letter-spacing:-.02em;color:var(--ink);text-decoration:none;display:flex;align-items:center;gap:.45rem}
.brand svg{width:26px;height:26px}
.top nav{display:flex;gap:1.1rem;flex-wrap:wrap}
.top nav a{color:var(--ink);text-decoration:none;font-weight:600}
.top nav a[aria-current=page]{color:var(--accent);box-shadow:inset 0 -2px var(--accent)}
.wrap{max-width:1120px;margin:0 auto;padding:0 1rem}
main.wrap{padding-top:1.5rem;padding-bottom:3rem}
h1{font-size:clamp(1.6rem,4vw,2.3rem);line-height:1.15;letter-spacing:-.02em;margin:.2rem 0 .6rem}
h2{font-size:1.3rem;margin:2rem 0 .8rem;letter-spacing:-.01em}
h3{font-size:1.05rem;margin:0 0 .3rem}
.lead{font-size:1.15rem;color:var(--muted);max-width:60ch}
.muted{color:var(--muted)}
.meta{color:var(--muted);font-size:.92rem;display:flex;gap:.4rem 1rem;flex-wrap:wrap}
footer{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem;padding:1.5rem 0}
.search{background:var(--soft);border:1px solid var(--line);border-radius:var(--radius);padding:1rem;display:grid;gap:.8rem;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));align-items:end}
.search .q{grid-column:1/-1}
.search label{display:block;font-size:.85rem;font-weight:600;margin-bottom:.25rem}
.search input,.search select{width:100%;font:inherit;padding:.5rem .6rem;border:1px solid #8a8f96;border-radius:8px;background:#fff;color:var(--ink)}
.search input[type=search]{font-size:1.1rem;padding:.65rem .8rem}
.price{display:flex;gap:.4rem}
button,.button{font:inherit;font-weight:700;background:var(--accent);color:var(--accent-ink);border:0;border-radius:8px;padding:.6rem 1.1rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:var(--ink);border:1px solid #8a8f96}
.results-head{display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap;margin:1.2rem 0 .6rem}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(300px,1fr))}
.card{border:1px solid var(--line);border-radius:var(--radius);padding:1rem 1.1rem;display:flex;flex-direction:column;gap:.45rem;background:#fff}
.card h3 a{color:var(--ink);text-decoration:none}
.card h3 a:hover{color:var(--accent);text-decoration:underline}
.card .summary{margin:0;color:#33363a}
.card .row{display:flex;justify-content:space-between;align-items:center;gap:.5rem;margin-top:auto}
.pick{font-size:.9rem;display:flex;align-items:center;gap:.35rem}
.pick input{width:1.1rem;height:1.1rem}
.rating{display:inline-flex;align-items:baseline;gap:.1rem;font-weight:800;background:var(--ink);color:#fff;border-radius:8px;padding:.15rem .5rem;font-size:1rem;white-space:nowrap}
.rating small{font-weight:600;opacity:.85;font-size:.75em}
.rating.big{font-size:2rem;padding:.3rem .8rem}
.tags{display:flex;gap:.35rem;flex-wrap:wrap;font-size:.8rem}
.tags span{background:var(--soft);border:1px solid var(--line);border-radius:99px;padding:.05rem .55rem;color:#3b3f44}
mark{background:#ffe58a;color:inherit;padding:0 .1em;border-radius:3px}
.pager{margin-top:1.5rem;display:flex;justify-content:center}
.compare-bar{position:sticky;bottom:0;background:#fff;border-top:1px solid var(--line);padding:.7rem 0;margin-top:1.5rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.review-head{display:grid;grid-template-columns:1fr auto;gap:1rem;align-items:start}
.hero{margin:1rem 0;border-radius:var(--radius);overflow:hidden;background:var(--soft)}
.hero img{display:block;width:100%}
.hero figcaption{font-size:.85rem;color:var(--muted);padding:.4rem .7rem}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:2.5rem;margin-top:1.5rem}
.body{font-size:1.06rem;max-width:70ch}
.body h2{font-size:1.35rem}
.body img{border-radius:8px}
.body pre{overflow:auto;background:var(--soft);padding:.8rem;border-radius:8px}
.body blockquote{margin:1rem 0;padding-left:1rem;border-left:4px solid var(--line);color:var(--muted)}
.panel{border:1px solid var(--line);border-radius:var(--radius);padding:1rem;margin-bottom:1.2rem;background:#fff}
.panel h2{margin-top:0;font-size:1.1rem}
table{border-collapse:collapse;width:100%}
.specs th,.specs td{padding:.45rem .3rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;font-size:.95rem}
.specs th{color:var(--muted);font-weight:600;width:42%}
.chart{width:100%;height:auto;display:block}
.chart text{font:13px system-ui,sans-serif;fill:var(--ink)}
.chart.wide{max-width:760px;min-width:480px}
.chart-scroll{overflow-x:auto}
.grid ul{padding-left:1.1rem;margin:0}
.chart.wide text{font-size:15px}
.chart .track{fill:#eceef0}
.chart .bar{fill:var(--accent)}
.chart .overall{fill:var(--ink)}
.proscons{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.proscons ul{padding-left:0;list-style:none;margin:0}
.proscons li{padding:.3rem 0 .3rem 1.6rem;position:relative}
.pros li::before{content:"+";position:absolute;left:0;font-weight:800;color:var(--good)}
.cons li::before{content:"\\2212";position:absolute;left:0;font-weight:800;color:var(--bad)}
.pros h2{color:var(--good)}
.cons h2{color:var(--bad)}
.visits{color:var(--muted);font-size:.9rem;margin:.2rem 0 0}
.visits:has(span:empty){display:none}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;border:1px solid var(--line);border-radius:var(--radius)}
.grid th,.grid td{padding:.55rem .7rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;min-width:8rem}
.grid thead th{background:var(--soft);position:sticky;top:0}
.grid tbody th{color:#43474c;font-weight:600;background:#fff;position:sticky;left:0;min-width:7.5rem}
.grid tr.differs td{background:#fbfbfc}
.grid tr.differs th::after{content:" \\2022";color:var(--accent)}
.grid td.best{background:var(--best);font-weight:700}
.badge{display:inline-block;font-size:.72rem;font-weight:800;text-transform:uppercase;letter-spacing:.04em;background:#7a4b00;color:#fff;border-radius:4px;padding:0 .35rem;margin-left:.35rem;vertical-align:middle}
.legend{display:flex;gap:1rem;flex-wrap:wrap;font-size:.9rem;margin:.5rem 0}
.legend span::before{content:"";display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.35rem;vertical-align:-1px;background:currentColor}
.s0{color:#b3261e;fill:#b3261e}.s1{color:#1f5fa8;fill:#1f5fa8}.s2{color:#1c6b37;fill:#1c6b37}.s3{color:#6d3fa0;fill:#6d3fa0}
.legend .s0,.legend .s1,.legend .s2,.legend .s3{color:var(--ink)}
.legend .s0::before{background:#b3261e}.legend .s1::before{background:#1f5fa8}.legend .s2::before{background:#1c6b37}.legend .s3::before{background:#6d3fa0}
.bar-inline{display:inline-block;height:.55rem;background:var(--accent);border-radius:3px;vertical-align:middle;margin-left:.4rem}
.picker{columns:2 260px;padding:0;list-style:none}
.picker li{break-inside:avoid;padding:.25rem 0}
@media (max-width:720px){.grid th,.grid td{min-width:6.5rem;padding:.45rem .5rem}.layout{grid-template-columns:1fr}.proscons{grid-template-columns:1fr}.review-head{grid-template-columns:1fr}.cards{grid-template-columns:1fr}}
`.trim();
