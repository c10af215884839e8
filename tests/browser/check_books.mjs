// Opens every book built from generated-docs/ in Chromium and checks what
// a reader relies on. Run by scripts/check-books.sh (which builds the
// books with mdBook first):
//
//   node tests/browser/check_books.mjs BOOKS_DIR DOCS_DIR [--screenshots DIR]
//
// BOOKS_DIR holds one built book per catalogue (target/book/<name>) and
// per translation (target/book/<name>/<tag>, from generated-docs/<name>/<tag>),
// and DOCS_DIR the generated Markdown (generated-docs/), which says what each
// book must contain: its pages (SUMMARY.md) and, on each page, its errors
// (the `<a id="key"></a>` before each error heading). For every book:
//
// - the sidebar lists every page, and on each page the outline lists
//   every error's heading;
// - every error's `#key` exists, on its page and on the overview (where
//   `docs_url#key` lands), and scrolling to it shows the heading;
// - no table is wider than the content column at 1280 px, and the page
//   does not scroll sideways; at 375 px no page scrolls sideways;
// - the search finds errors by code;
// - no internal link is broken (page and anchor).
//
// CHROMIUM names the browser (default /usr/bin/chromium).

import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";

// playwright-core comes from .tools/node (NODE_TOOLS), where .ci/run puts it.
const require = createRequire(path.resolve(process.env.NODE_TOOLS ?? ".tools/node") + "/");
const { chromium } = require("playwright-core");

const [booksDir, docsDir] = process.argv.slice(2);
const shotsAt = process.argv.indexOf("--screenshots");
const shotsDir = shotsAt > 0 ? process.argv[shotsAt + 1] : null;
if (!booksDir || !docsDir) {
  console.error("usage: check_books.mjs BOOKS_DIR DOCS_DIR [--screenshots DIR]");
  process.exit(2);
}

// A static server over the built books.
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
  ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf" };
const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  const root = path.resolve(booksDir);
  let file = path.join(root, decodeURIComponent(url.pathname));
  if (!file.startsWith(root)) file = "";
  if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!file || !fs.existsSync(file)) { res.writeHead(404); res.end("not found"); return; }
  res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const problems = [];
const fail = (book, what) => problems.push(`${book}: ${what}`);

/** The pages of a book (from SUMMARY.md) as .html paths, overview first. */
function pagesOf(docs) {
  const summary = fs.readFileSync(path.join(docs, "SUMMARY.md"), "utf8");
  return [...summary.matchAll(/\]\(([^)]+\.md)\)/g)].map((m) =>
    m[1] === "README.md" ? "index.html" : m[1].replace(/\.md$/, ".html"));
}

/** The errors on a page: key and the text of the heading after the anchor. */
function errorsOf(docs, htmlPage) {
  const md = htmlPage === "index.html" ? "README.md" : htmlPage.replace(/\.html$/, ".md");
  const text = fs.readFileSync(path.join(docs, md), "utf8");
  // Error headings hold the code in backticks; guidance headings do not.
  return [...text.matchAll(/^<a id="([^"]+)"><\/a>\n\n#{2,3} ((?:\d{3} · )?`.*)$/gm)].map((m) => ({ key: m[1], heading: m[2] }));
}

const idsCache = new Map();
/** The ids of a page of the site, fetched once. */
async function idsOf(url) {
  if (!idsCache.has(url)) {
    const res = await fetch(url);
    idsCache.set(url, res.ok ? new Set([...(await res.text()).matchAll(/ id="([^"]+)"/g)].map((m) => m[1])) : null);
  }
  return idsCache.get(url);
}

let checkedErrors = 0;
// Each catalogue's book, then its translations (`<name>/<tag>`).
const books = [];
for (const name of fs.readdirSync(booksDir).sort()) {
  books.push(name);
  const docs = path.join(docsDir, name);
  if (!fs.existsSync(docs)) continue;
  for (const tag of fs.readdirSync(docs).sort()) {
    if (fs.existsSync(path.join(docs, tag, "SUMMARY.md"))) books.push(`${name}/${tag}`);
  }
}
for (const name of books) {
  const docs = path.join(docsDir, name);
  if (!fs.existsSync(path.join(docs, "SUMMARY.md"))) continue;
  const pages = pagesOf(docs);
  const split = pages.length > 1;
  const allKeys = [];
  for (const p of pages) {
    const url = `${base}/${name}/${p}`;
    await page.goto(url);
    await page.waitForSelector(".sidebar a", { state: "attached" });

    // The sidebar lists every page of the book.
    const hrefs = await page.$$eval(".sidebar a[href]", (as) => as.map((a) => a.href.split("#")[0]));
    for (const other of pages) {
      const want = new URL(`${base}/${name}/${other}`).href;
      if (!hrefs.some((h) => h === want || (other === "index.html" && h === want.replace(/index\.html$/, "")))) {
        fail(name, `${p}: the sidebar has no link to ${other}`);
      }
    }

    // The outline of this page lists every error heading on it.
    const errors = errorsOf(docs, p);
    const squash = (t) => t.replace(/\s+/g, "");
    const outline = await page.$$eval(".sidebar .header-item, .sidebar a", (as) => as.map((a) => a.textContent));
    for (const e of errors) {
      const code = e.heading.match(/`([^`]+)`/)?.[1] ?? e.heading;
      if (!outline.some((t) => squash(t).includes(squash(code)))) {
        fail(name, `${p}: the outline does not list ${e.key}`);
      }
    }

    // Every error's anchor exists and scrolling to it shows its heading.
    for (const e of errors) {
      const seen = await page.evaluate((key) => {
        location.hash = key;
        const anchor = document.getElementById(key);
        if (!anchor) return "missing";
        let heading = anchor.nextElementSibling ?? anchor.parentElement.nextElementSibling;
        while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.nextElementSibling;
        if (!heading) return "no heading after it";
        const top = heading.getBoundingClientRect().top;
        // Near the end of a page, the page cannot scroll it any higher.
        const atEnd = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
        return (top >= 0 && top < innerHeight / 2) || (atEnd && top >= 0 && top < innerHeight) ? "ok" : `heading at ${Math.round(top)} px`;
      }, e.key);
      if (seen !== "ok") fail(name, `${p}#${e.key}: ${seen}`);
      allKeys.push(e.key);
      checkedErrors += 1;
    }

    // Tables fit the content column; the page does not scroll sideways.
    const wide = await page.evaluate(() => {
      const main = document.querySelector("main");
      const right = main.getBoundingClientRect().right;
      const out = [...main.querySelectorAll("table")]
        .filter((t) => t.getBoundingClientRect().right > right + 1)
        .map((t) => t.querySelector("th")?.textContent ?? "table");
      if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push("the page itself");
      return out;
    });
    for (const w of wide) fail(name, `${p}: wider than the column: ${w}`);

    // Every header an error lists is in each of its example responses.
    const missingHeaders = await page.evaluate(() => {
      const out = [];
      for (const p of document.querySelectorAll("main p")) {
        if (p.querySelector("strong")?.textContent !== "Headers:") continue;
        const names = [...p.querySelectorAll("code")].map((c) => c.textContent);
        for (let el = p.nextElementSibling; el && !/^H[1-6]$/.test(el.tagName); el = el.nextElementSibling) {
          const text = el.tagName === "PRE" ? el.textContent : "";
          if (!text.startsWith("HTTP/")) continue;
          for (const n of names) if (!text.split("\n").some((l) => l.startsWith(`${n}:`))) out.push(`${n} missing from a response (${text.split("\n")[0]})`);
        }
      }
      return out;
    });
    for (const m of missingHeaders) fail(name, `${p}: ${m}`);

    // At 1280 px a table shows every column (none scrolls in its box), and
    // the identifier a row is about (its first cell) is on one line.
    const cramped = await page.evaluate(() => {
      const out = [];
      for (const t of document.querySelectorAll("main table")) {
        if (t.scrollWidth > t.clientWidth + 1) {
          const widest = [...t.querySelectorAll("td")].sort((a, b) => b.scrollWidth - a.scrollWidth)[0];
          out.push(`a table scrolls: ${t.querySelector("th")?.textContent} (widest cell: ${widest?.textContent.slice(0, 60)})`);
        }
      }
      for (const c of document.querySelectorAll("main td:first-child > code, main td:first-child > a > code")) {
        if (c.getClientRects().length > 1) out.push(`code split over lines: ${c.textContent}`);
      }
      return out;
    });
    for (const c of cramped) fail(name, `${p}: ${c}`);

    // Internal links lead to a page and an anchor that exist.
    const links = await page.$$eval("main a[href]", (as) => as.map((a) => a.href));
    for (const link of new Set(links)) {
      const u = new URL(link);
      if (u.origin !== base) continue;
      const ids = await idsOf(u.origin + u.pathname);
      if (ids === null) fail(name, `${p}: broken link ${u.pathname}`);
      else if (u.hash && !ids.has(decodeURIComponent(u.hash.slice(1)))) fail(name, `${p}: broken anchor ${u.pathname}${u.hash}`);
    }
    if (shotsDir && name === "payments") {
      fs.mkdirSync(shotsDir, { recursive: true });
      const shot = p === "index.html" ? "overview.png" : p === "errors/payments.html" ? "error-page.png" : null;
      if (shot) {
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: path.join(shotsDir, shot) });
      }
    }
  }

  // `docs_url#key` lands on the overview, whose index of codes holds every
  // error's anchor when the book is split.
  const overviewIds = await idsOf(`${base}/${name}/index.html`);
  for (const key of allKeys) {
    if (!overviewIds.has(key)) fail(name, `index.html has no anchor #${key} (docs_url#${key})`);
  }

  // The search finds errors by code: the first, middle and last.
  await page.goto(`${base}/${name}/index.html`);
  // Codes a person would type: hostile ones with spaces or line breaks
  // are left out.
  const codeOf = (key) => {
    const p = pages.find((pg) => errorsOf(docs, pg).some((e) => e.key === key));
    return [p, errorsOf(docs, p).find((e) => e.key === key).heading.match(/`([^`]+)`/)?.[1] ?? key];
  };
  const typable = allKeys.filter((k) => /^[\w.-]+$/.test(codeOf(k)[1]));
  const sample = [...new Set([0, typable.length >> 1, typable.length - 1])].map((i) => typable[i]).filter(Boolean);
  for (const key of sample) {
    const [p, code] = codeOf(key);
    await page.click("#mdbook-search-toggle");
    // Typed, not filled: the search listens to key presses.
    await page.locator("#mdbook-searchbar").fill("");
    await page.locator("#mdbook-searchbar").pressSequentially(code);
    const found = await page
      .waitForFunction((target) => [...document.querySelectorAll("#mdbook-searchresults a")].some((a) => a.href.includes(target)), p, { timeout: 5000 })
      .then(() => true, () => false);
    if (!found) fail(name, `the search for ${code} does not find ${p}`);
    await page.keyboard.press("Escape");
  }
  // On a phone (375 px) no page scrolls sideways: a wide table scrolls in
  // its own box.
  await page.setViewportSize({ width: 375, height: 800 });
  for (const p of pages) {
    await page.goto(`${base}/${name}/${p}`);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (sideways > 0) fail(name, `${p}: at 375 px the page scrolls sideways by ${sideways} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  console.log(`${name}: ${pages.length} page${pages.length === 1 ? "" : "s"}, ${allKeys.length} errors${split ? "" : " (one page)"}`);
}

await browser.close();
server.close();
if (problems.length) {
  console.error(`\n${problems.length} problem(s):\n` + problems.slice(0, 60).map((p) => `  ${p}`).join("\n"));
  process.exit(1);
}
console.log(`books: ${checkedErrors} error sections checked in Chromium`);
