// careguide preview: live reload, the build-error overlay and a page's
// warnings. Injected by
// `careguide serve` only; never part of a build. Everything from the
// user's files is shown with textContent, never parsed as HTML.
(() => {
	'use strict';
	const meta = document.querySelector('meta[name="careguide-build"]');
	let page = meta ? meta.content : '';
	let source = null;
	let retry = 0;

	function connect() {
		clearTimeout(retry);
		if (source) source.close();
		source = new EventSource('/_careguide/events');
		source.onmessage = (e) => apply(JSON.parse(e.data));
		source.onerror = () => {
			// A stream that ends reconnects by itself; one refused with an
			// HTTP error (a server shutting down) is closed for good.
			if (source.readyState === EventSource.CLOSED) retry = setTimeout(connect, 1000);
		};
	}

	// A browser opens at most six HTTP/1.1 connections to one host and each
	// stream holds one, so hidden tabs let go of theirs; a tab shown again
	// reconnects, gets the current state and reloads if it is stale.
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState !== 'hidden') {
			connect();
		} else if (source) {
			clearTimeout(retry);
			source.close();
		}
	});

	// apply brings the page to the server's state: a page from another
	// build reloads, unless the server only swapped stylesheets since the
	// page's own build.
	function apply(state) {
		if (state.build !== page) {
			if (state.kind !== 'css' || state.from !== page) {
				source.close();
				location.reload();
				return;
			}
			swapStylesheets(state.css || {}, state.build);
			page = state.build;
			if (meta) meta.content = page;
		}
		showProblems(state.problems || []);
		if (state.kind !== 'error') showWarnings(state);
	}

	// swapStylesheets loads each same-origin stylesheet under its new name
	// (or its own, refetched) beside the old one, and drops the old one once
	// the new has loaded, so the page never shows unstyled and keeps its
	// scroll position.
	function swapStylesheets(moves, build) {
		for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
			const url = new URL(link.href, location.href);
			if (url.origin !== location.origin) continue;
			const to = moves[url.pathname];
			if (to) {
				url.pathname = to;
				url.searchParams.delete('careguide');
			} else {
				url.searchParams.set('careguide', build);
			}
			const fresh = link.cloneNode();
			fresh.href = url.href;
			fresh.onload = fresh.onerror = () => link.remove();
			link.after(fresh);
		}
	}

	function el(tag, text, cls) {
		const e = document.createElement(tag);
		if (text !== undefined) e.textContent = text;
		if (cls) e.className = cls;
		return e;
	}

	function position(p) {
		if (!p.file) return '';
		if (!p.line) return p.file;
		return p.file + ':' + p.line + (p.col ? ':' + p.col : '');
	}

	// caret points under column col of line, keeping its tabs so it lines up.
	function caret(line, col) {
		return line.slice(0, Math.max(col - 1, 0)).replace(/[^\t]/g, ' ') + '^';
	}

	const overlayStyle = `
		:host { all: initial; }
		section { position: fixed; top: 0; left: 0; right: 0; z-index: 2147483647;
			max-height: 80vh; overflow: auto; box-sizing: border-box; margin: 0;
			padding: 1rem 1.25rem; background: #fff5f5; color: #1a1a1a;
			border-bottom: 4px solid #b00020; box-shadow: 0 2px 12px rgba(0,0,0,.3);
			font: 15px/1.45 system-ui, sans-serif; }
		h2 { margin: 0 0 .5rem; font-size: 1.1rem; color: #8b0016; }
		ol { margin: 0; padding-left: 1.25rem; }
		li { margin: .5rem 0; }
		.pos { font-family: ui-monospace, monospace; font-weight: 600; }
		.hint { color: #333; font-style: italic; }
		pre { margin: .25rem 0; padding: .5rem; overflow-x: auto; background: #fff;
			border: 1px solid #e0c0c0; font: 13px/1.4 ui-monospace, monospace; }
		button { position: absolute; top: .75rem; right: 1rem; font: inherit;
			padding: .2rem .6rem; cursor: pointer; }
	`;

	// showProblems shows the overlay for a failed build, or removes it when
	// the list is empty. It sits in a shadow root so the site's CSS cannot
	// hide or restyle it.
	function showProblems(problems) {
		const old = document.getElementById('careguide-overlay');
		if (old) old.remove();
		if (!problems.length) return;
		const host = el('div');
		host.id = 'careguide-overlay';
		const root = host.attachShadow({mode: 'open'});
		const box = el('section');
		box.setAttribute('role', 'dialog');
		box.setAttribute('aria-modal', 'false');
		box.setAttribute('aria-labelledby', 'careguide-title');
		const title = el('h2', problems.length === 1 ? 'Build failed' : 'Build failed: ' + problems.length + ' problems');
		title.id = 'careguide-title';
		const close = el('button', 'Dismiss');
		close.type = 'button';
		close.onclick = () => host.remove();
		const list = el('ol');
		for (const p of problems) {
			const item = el('li');
			const pos = position(p);
			if (pos) item.append(el('div', pos, 'pos'));
			item.append(el('div', p.message, 'message'));
			if (p.hint) item.append(el('div', p.hint, 'hint'));
			if (p.source) item.append(el('pre', p.col ? p.source + '\n' + caret(p.source, p.col) : p.source));
			list.append(item);
		}
		box.append(el('style', overlayStyle), title, close, list);
		root.append(box);
		(document.body || document.documentElement).append(host);
	}

	const badgeStyle = `
		:host { all: initial; }
		aside { position: fixed; right: .75rem; bottom: .75rem; z-index: 2147483646;
			display: flex; flex-direction: column; align-items: flex-end;
			max-width: min(32rem, calc(100vw - 1.5rem)); font: 14px/1.4 system-ui, sans-serif; color: #1a1a1a; }
		button { font: inherit; padding: .3rem .7rem; border: 1px solid #b07800; border-radius: 1rem;
			background: #fff8e1; color: #5c3d00; cursor: pointer; box-shadow: 0 1px 4px rgba(0,0,0,.2); }
		ol { margin: 0 0 .5rem; padding: .6rem .8rem .6rem 1.8rem; max-height: 40vh; overflow: auto;
			background: #fffdf5; border: 1px solid #e0c878; box-shadow: 0 2px 8px rgba(0,0,0,.2); }
		li { margin: .35rem 0; }
		.pos { font-family: ui-monospace, monospace; font-size: 12px; }
		.hint { color: #444; font-style: italic; }
		[hidden] { display: none; }
	`;

	// showWarnings shows, in a corner, a small button saying how many
	// warnings this page has, which opens their list: a good build's
	// warnings never cover the page, and pages without any show nothing.
	let warningsOf = '';
	async function showWarnings(state) {
		const key = state.build + '/' + (state.warnings || 0);
		if (key === warningsOf) return;
		warningsOf = key;
		let list = [];
		if (state.warnings) {
			try {
				const res = await fetch('/_careguide/warnings?page=' + encodeURIComponent(location.pathname));
				if (res.ok) list = await res.json();
			} catch (e) {
				// The server went away; the event stream reconnects and asks again.
			}
		}
		if (key !== warningsOf) return; // a newer state came while this one was asked for
		const old = document.getElementById('careguide-warnings');
		if (old) old.remove();
		if (!list.length) return;
		const host = el('div');
		host.id = 'careguide-warnings';
		const root = host.attachShadow({mode: 'open'});
		const box = el('aside');
		box.setAttribute('aria-label', 'careguide warnings');
		const items = el('ol');
		items.hidden = true;
		items.id = 'careguide-warning-list';
		for (const p of list) {
			const item = el('li');
			const pos = position(p);
			if (pos) item.append(el('div', pos, 'pos'));
			item.append(el('div', p.message, 'message'));
			if (p.hint) item.append(el('div', p.hint, 'hint'));
			items.append(item);
		}
		const toggle = el('button', list.length === 1 ? '1 warning' : list.length + ' warnings');
		toggle.type = 'button';
		toggle.setAttribute('aria-expanded', 'false');
		toggle.setAttribute('aria-controls', items.id);
		toggle.onclick = () => {
			items.hidden = !items.hidden;
			toggle.setAttribute('aria-expanded', String(!items.hidden));
		};
		box.append(el('style', badgeStyle), items, toggle);
		root.append(box);
		(document.body || document.documentElement).append(host);
	}

	if (document.visibilityState !== 'hidden') connect();
})();
