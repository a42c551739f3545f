// form.js: rv's web form in headless Chromium (Debian's chromium), driven by
// playwright-core.  Run by tests/sh/1009-cgi-browser.sh.
//
// usage: node form.js URL SHOTDIR REVIEW VERDICT [REVIEW VERDICT ...]
//
// 1. With JavaScript off, for each pair: open the form, type REVIEW, submit;
//    the result page must show VERDICT and echo REVIEW.  SHOTDIR/cgi-result.png
//    is the result page of the first.
// 2. At phone width (375 px): submit the reviews as lines of one; the table
//    must have a row each, with its verdict, and nothing may be wider than the
//    screen; SHOTDIR/cgi-phone.png.
// Any console error (a Content-Security-Policy violation shows as one) fails.
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const [url, shotdir, ...pairs] = process.argv.slice(2);
if (pairs.length < 2 || pairs.length % 2) {
	console.error('usage: node form.js URL SHOTDIR REVIEW VERDICT [REVIEW VERDICT ...]');
	process.exit(2);
}
const reviews = pairs.filter((_, i) => i % 2 === 0);
const verdicts = pairs.filter((_, i) => i % 2 === 1);

function check(cond, what) {
	if (!cond)
		throw new Error(what);
}

async function submit(page, text) {
	await page.locator('#review').click();
	await page.locator('#review').pressSequentially(text);
	const [resp] = await Promise.all([
		page.waitForNavigation(),
		page.locator('button[type=submit]').click(),
	]);
	return resp;
}

async function main() {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const problems = [];
	const watch = (page) => {
		page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
		page.on('pageerror', (e) => problems.push(String(e)));
	};
	try {
		// 1. without JavaScript, a desktop window
		const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 900, height: 700 } });
		const page = await ctx.newPage();
		watch(page);
		for (let i = 0; i < reviews.length; i++) {
			const first = await page.goto(url);
			check(first.status() === 200, `GET ${url}: ${first.status()}`);
			check(await page.locator('textarea#review').count() === 1, 'the form has no review box');
			const resp = await submit(page, reviews[i]);
			check(resp.status() === 200, `POST: ${resp.status()}`);
			const got = (await page.locator('#verdict').textContent()).trim();
			check(got === verdicts[i], `review ${i + 1}: verdict "${got}", wanted "${verdicts[i]}"`);
			const echo = await page.locator('#review-echo').textContent();
			check(echo === reviews[i], `review ${i + 1} echoed as "${echo}"`);
			if (i === 0)
				await page.screenshot({ path: path.join(shotdir, 'cgi-result.png'), fullPage: true });
		}
		await ctx.close();

		// 2. a phone: the reviews as lines of one give a table, and the page fits the screen
		const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
		const p2 = await phone.newPage();
		watch(p2);
		await p2.goto(url);
		await submit(p2, reviews.join('\n'));
		const rows = p2.locator('tbody tr');
		check(await rows.count() === reviews.length, `the table does not have ${reviews.length} rows`);
		for (let i = 0; i < reviews.length; i++) {
			const got = (await rows.nth(i).locator('td.v span').first().textContent()).trim();
			check(got === verdicts[i], `row ${i + 1}: verdict "${got}", wanted "${verdicts[i]}"`);
		}
		const sizes = await p2.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
		check(sizes[0] <= sizes[1], `the page is ${sizes[0]} px wide on a ${sizes[1]} px screen`);
		await p2.screenshot({ path: path.join(shotdir, 'cgi-phone.png'), fullPage: true });
		await phone.close();
		check(problems.length === 0, `console errors: ${problems.join('; ')}`);
	} finally {
		await browser.close();
	}
}

main().then(() => console.log('form.js: ok'), (e) => {
	console.error(`form.js: ${e.message}`);
	process.exit(1);
});
