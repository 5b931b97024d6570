// run.mjs: newsgraph's web view in a real browser (docs/WEB.md, "Browser
// tests"). Debian's chromium, driven by playwright-core, headless, with a
// fresh profile and nothing downloaded. tests/browser_test.sh starts it
// with the pages served by `newsgraph serve` (MODE=served) or written by
// `newsgraph report --html` (MODE=static, file:// URLs), and a database of
// the seed articles plus one whose title is an HTML injection.
//
// Environment: BASE (the site's root URL, ending in /), MODE, STORIES (a
// file: `newsgraph stories --format json`), XSS_ID (the article whose
// title is XSS_TITLE), SEARCH_WORD, SHOTS (the screenshot folder).
// Prints "browser: N passed, N failed, N skipped"; exit status 1 on a
// failure.
import { chromium } from "playwright-core";
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const env = process.env;
const BASE = env.BASE;
const MODE = env.MODE || "served";
const SHOTS = env.SHOTS || "build/screenshots";
const XSS_TITLE = "<img src=x onerror=alert(1)>";
let passed = 0, failed = 0, skipped = 0;

function check(ok, what) {
	if (ok) {
		passed++;
		console.log(`  ok   ${what}`);
	} else {
		failed++;
		console.log(`  FAIL ${what}`);
	}
}
function skip(what) {
	skipped++;
	console.log(`  SKIPPED: ${what}`);
}

// The page's address in either mode.
function fileName(id) {
	// src/web/html.c's ngw_file_name, for the ids of the test (short)
	let out = "";
	const bytes = Buffer.from(id, "utf8");
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		const ch = String.fromCharCode(b);
		const keep = /[A-Za-z0-9\-._~]/.test(ch) && !(ch === "." && i === 0);
		out += keep ? ch : "=" + b.toString(16).toUpperCase().padStart(2, "0");
	}
	return out;
}
const url = {
	list: () => BASE + (MODE === "static" ? "index.html" : ""),
	story: (n) => BASE + (MODE === "static" ? `stories/${n}.html` : `stories/${n}`),
	article: (id) => BASE + (MODE === "static" ? `articles/${fileName(id)}.html`
		: `articles/${encodeURIComponent(id)}`),
};

const stories = JSON.parse(readFileSync(env.STORIES, "utf8"));
const storyRows = Array.isArray(stories) ? stories : (stories.stories || []);
mkdirSync(SHOTS, { recursive: true });

const profile = mkdtempSync(join(tmpdir(), "newsgraph-chromium-"));
const sizes = [
	{ name: "laptop", width: 1280, height: 800 },
	{ name: "phone", width: 390, height: 844 },
];
let context;
try {
	context = await chromium.launchPersistentContext(profile, {
		executablePath: "/usr/bin/chromium",
		headless: true,
		args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking",
			"--disable-component-update", "--disable-sync"],
		viewport: { width: 1280, height: 800 },
		timeout: 30000,
	});
	const page = context.pages()[0] || await context.newPage();
	page.setDefaultTimeout(10000);
	let dialogs = 0;
	page.on("dialog", async (d) => { dialogs++; await d.dismiss(); });
	const pageErrors = [];
	page.on("pageerror", (e) => pageErrors.push(String(e)));
	// the pages hold under the server's Content-Security-Policy
	const cspViolations = [];
	page.on("console", (m) => {
		if (/Content Security Policy/i.test(m.text()))
			cspViolations.push(m.text());
	});
	// nothing may be fetched from anywhere but the site itself
	const foreign = [];
	page.on("request", (r) => {
		const u = r.url();
		if (!u.startsWith(BASE) && !u.startsWith("data:"))
			foreign.push(u);
	});

	async function shoot(name) {
		for (const s of sizes) {
			await page.setViewportSize({ width: s.width, height: s.height });
			await page.screenshot({ path: join(SHOTS, `${name}-${s.name}.png`), fullPage: true });
		}
		await page.setViewportSize({ width: 1280, height: 800 });
	}

	console.log(`browser: ${MODE} pages at ${BASE}`);

	// ---- the story list: every story of the database is on it
	let resp = await page.goto(url.list());
	check(!resp || resp.status() === 200, "the story list answers 200");
	const listText = await page.locator("#story-list").innerText();
	check(storyRows.length >= 3, `the database has the seed stories (${storyRows.length})`);
	for (const s of storyRows) {
		const title = (s.title || "").slice(0, 40);
		check(title && listText.includes(title), `story ${s.story} on the list: "${title}"`);
	}
	check(await page.getByText(XSS_TITLE, { exact: false }).count() > 0,
		"the injected title shows as text on the list");
	check(await page.locator("img").count() === 0, "no <img> was made from a title");
	await shoot("stories");

	// ---- keyboard: Tab reaches the search box (or the static filter) and
	// the first story link
	const firstStory = page.locator("#story-list tbody a").first();
	const firstHref = await firstStory.getAttribute("href");
	const boxId = MODE === "static" ? "list-filter" : "q";
	let reachedBox = false, reachedStory = false;
	await page.locator("body").click({ position: { x: 1, y: 1 } });
	for (let i = 0; i < 25 && !(reachedBox && reachedStory); i++) {
		await page.keyboard.press("Tab");
		const focus = await page.evaluate(() => {
			const a = document.activeElement;
			return { id: a.id, href: a.getAttribute("href") };
		});
		if (focus.id === boxId)
			reachedBox = true;
		if (focus.href === firstHref)
			reachedStory = true;
	}
	check(reachedBox, `Tab reaches the ${MODE === "static" ? "story filter" : "search box"}`);
	check(reachedStory, "Tab reaches the first story link");
	if (MODE === "static") {
		await page.fill("#list-filter", "Kremlin");
		const shown = await page.locator("#story-list tbody tr:not([hidden])").count();
		check(shown >= 1 && shown < storyRows.length, `the static filter narrows the list (${shown} shown)`);
		await page.fill("#list-filter", "");
	}

	// ---- a story page: the biggest story has a timeline and a copy tree
	const big = storyRows[0].story;
	resp = await page.goto(url.story(big));
	check(!resp || resp.status() === 200, `story ${big} answers 200`);
	const timeline = page.locator("svg.timeline");
	check(await timeline.count() === 1 && await timeline.isVisible(), "the story page shows its timeline picture");
	check(await page.locator("svg.timeline .mk").count() >= 3, "the timeline has event markers");
	const tree = page.locator("svg.copy-tree");
	check(await tree.count() === 1 && await tree.isVisible(), "the story page shows its copy tree picture");
	check(await page.locator("svg.copy-tree rect.node").count() >= 2, "the copy tree has an original and a copy");
	check(await page.locator("#quotes .speaker").count() >= 1, "quotes are grouped by speaker");
	check(await page.locator("#claims .claim").count() >= 1, "claims are listed");
	await shoot("story");

	// the copy's node opens the shared passages side by side
	await Promise.all([
		page.waitForURL((u) => /copies/.test(u.href)),
		page.locator("svg.copy-tree a.node-link rect.node-copy").first().click(),
	]);
	check(await page.locator(".pair .side-original").count() >= 1 &&
		await page.locator(".pair .side-copy").count() >= 1,
		"a copy's node opens its passages beside the original's");
	await shoot("copies");

	// ---- an article page, and the injected title on its own page
	resp = await page.goto(url.article(env.XSS_ID));
	check(!resp || resp.status() === 200, "the injected article's page answers 200");
	check((await page.locator("h1").innerText()).includes(XSS_TITLE), "its title is text in the heading");
	check(await page.locator("main img").count() === 0, "no <img> on its page");
	const firstArticle = await page.goto(url.story(big)).then(() =>
		page.locator("table.articles tbody a").first().getAttribute("href"));
	await page.goto(new URL(firstArticle, page.url()).href);
	check(await page.locator("article.reading .body p").count() >= 1, "an article's text can be read");
	await shoot("article");

	// an entity page, from the article's entities
	const entity = page.locator(".entities a").first();
	if (await entity.count()) {
		await Promise.all([
			page.waitForURL((u) => /entities/.test(u.href)),
			entity.click(),
		]);
		check(await page.locator(".variants li").count() >= 1, "an entity page lists its names");
		await shoot("entity");
	} else {
		check(false, "the article lists entities");
	}

	// ---- search (served only: the static site has no server)
	if (MODE === "static") {
		skip("search: the static site has no server to search (served mode tests it)");
	} else {
		resp = await page.goto(BASE + "search?q=" + encodeURIComponent(env.SEARCH_WORD));
		const hits = await page.locator(".hit").count();
		check(resp.status() === 200, "search answers 200");
		check(hits >= 1, `search for "${env.SEARCH_WORD}" finds an article (${hits})`);
		check(await page.locator(".hit mark").count() >= 1, "the matched words are marked");
		await shoot("search");
		// a path leaving the assets is a 404
		resp = await page.goto(BASE + "assets/%2e%2e/style.css");
		check(resp.status() === 404, "a path leaving the assets is a 404");
		resp = await page.goto(BASE + "no/such/page");
		check(resp.status() === 404, "an unknown path is a 404 page");
	}

	check(dialogs === 0, "no dialog fired on any page");
	check(pageErrors.length === 0, `no script error (${pageErrors.join("; ")})`);
	check(cspViolations.length === 0, `no Content-Security-Policy violation (${cspViolations.slice(0, 2).join("; ")})`);
	check(foreign.length === 0, `nothing fetched from elsewhere (${foreign.slice(0, 3).join(", ")})`);
} catch (e) {
	failed++;
	console.log(`  FAIL ${e && e.stack ? e.stack : e}`);
} finally {
	if (context)
		await context.close().catch(() => {});
	rmSync(profile, { recursive: true, force: true });
}
console.log(`browser: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
