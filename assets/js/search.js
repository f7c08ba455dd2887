// Search on /search/ over the index the build writes (package searchindex
// documents the files; its Reader is the reference this script follows).
// A query reads the meta file, the words file of each word (and an
// endings file for a word that has a typo in its first two letters), the
// chunks of the terms they stand for and the files of the results it
// shows, nothing more. Text from the index is only ever set as textContent.
(() => {
	const form = document.getElementById('search');
	if (!form) return;
	const dir = form.dataset.index, input = form.elements.q;
	const status = document.getElementById('search-status');
	const list = document.getElementById('search-results');
	const more = document.getElementById('search-more');
	const selects = [...form.querySelectorAll('select')];
	const page = 10;
	const files = new Map();
	const get = name => {
		if (!files.has(name)) files.set(name, fetch(dir + name).then(r => { if (!r.ok) throw new Error(name + ': ' + r.status); return r.json(); }));
		return files.get(name);
	};

	// Words, stems and file names, as package searchindex makes them.
	// Lower case as Go's unicode.ToLower: a letter at a time (no final
	// sigma), and İ as i, not i and a combining dot.
	const lower = text => [...text].map(c => c === 'İ' ? 'i' : c.toLowerCase()).join('');
	const words = text => lower(text).split(/[^\p{L}\p{N}\p{Mn}]+/u).filter(w => [...w].length >= 2);
	const len = s => [...s].length;
	const stem = (meta, w) => {
		for (const step of meta.steps) {
			for (const [suffix, replace, min] of step) {
				if (!w.endsWith(suffix)) continue;
				const s = w.slice(0, w.length - suffix.length) + replace;
				if (len(s) < min || ![...meta.vowels].some(v => s.includes(v))) continue;
				w = s;
				break;
			}
		}
		return w;
	};
	const hash = s => {
		let h = 2166136261;
		for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 16777619) >>> 0;
		return h;
	};
	const prefix2 = s => [...s].slice(0, 2).join('');
	const last2 = s => [...s].slice(-2).join('');
	// The words of a text and their stems, for the browser test that holds
	// them against package searchindex's word by word.
	form.terms = async text => { const meta = await get('meta.json'); return words(text).map(w => [w, stem(meta, w)]); };
	const digit = c => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_'.indexOf(c);
	const numbers = (s, each) => { // each(value) for every number, as appendNumber writes them
		for (let i = 0; i < s.length;) {
			let v = 0, shift = 1, d;
			do { d = digit(s[i++]); v += (d & 31) * shift; shift *= 32; } while (d >= 32);
			i = each(v, i) ?? i;
		}
	};
	const postings = s => {
		const out = [];
		let doc = 0;
		for (let i = 0; i < s.length;) {
			let v = 0, shift = 1, d;
			do { d = digit(s[i++]); v += (d & 31) * shift; shift *= 32; } while (d >= 32);
			doc += v;
			const impact = digit(s[i++]);
			let sec = 0; shift = 1;
			do { d = digit(s[i++]); sec += (d & 31) * shift; shift *= 32; } while (d >= 32);
			out.push([doc, impact * impact, sec]);
		}
		return out;
	};
	const oneEdit = (a, b) => {
		let x = [...a], y = [...b];
		if (x.length < y.length) [x, y] = [y, x];
		if (x.length - y.length > 1) return false;
		let i = 0;
		while (i < y.length && x[i] === y[i]) i++;
		if (i === x.length) return false;
		const rest = (p, q) => x.slice(p).join('') === y.slice(q).join('');
		if (x.length > y.length) return rest(i + 1, i);
		if (rest(i + 1, i + 1)) return true;
		return i + 1 < x.length && x[i] === y[i + 1] && x[i + 1] === y[i] && rest(i + 2, i + 2);
	};
	const common = (c, list, weight) => {
		list.sort((a, b) => b[1] - a[1]);
		for (const [t] of list.slice(0, 3)) c.push([t, weight]);
	};

	const typoOf = (t, w, s) => len(w) >= 5 && (oneEdit(t, w) || len(s) >= 5 && oneEdit(t, s));
	// typoByEnding is Reader.typoByEnding: the typos in a word's first two
	// letters, from the endings file of its stem, then of the word.
	const typoByEnding = async (meta, w, s) => {
		if (!meta.endings) return [];
		const files = len(s) >= 5 ? [hash(last2(s)) % meta.endings] : [];
		const n = hash(last2(w)) % meta.endings;
		if (!files.includes(n)) files.push(n);
		const typo = [];
		for (const f of files) {
			for (const wc of await get('e/' + f + '.json')) if (typoOf(wc[0], w, s)) typo.push(wc);
			if (typo.length) break;
		}
		return typo;
	};

	// terms is what each word of the query may mean: [[term, weight], ...].
	const terms = async (meta, query) => {
		const ws = words(query).filter(w => !meta.stop.includes(w));
		return Promise.all(ws.map(async (w, i) => {
			const s = stem(meta, w);
			const known = await get('w/' + hash(prefix2(w)) % meta.words + '.json');
			let exact = false;
			const prefix = [];
			let typo = [];
			for (const wc of known) {
				const t = wc[0];
				if (t === s) exact = true;
				else if (i === ws.length - 1 && len(w) >= 3 && t.startsWith(w)) prefix.push(wc);
				else if (typoOf(t, w, s)) typo.push(wc);
			}
			if (!exact && !prefix.length && !typo.length && len(w) >= 5) typo = await typoByEnding(meta, w, s);
			const c = exact ? [[s, 1]] : [];
			if (!exact) common(c, typo, 0.6);
			common(c, prefix, 0.8);
			return {word: w, c};
		}));
	};

	const facetDocs = async () => {
		const chosen = selects.filter(s => s.value).map(s => s.name + '/' + s.value);
		if (!chosen.length) return null;
		const all = await get('facets.json');
		let keep = null;
		for (const f of chosen) {
			const next = new Set();
			let doc = 0;
			numbers(all[f] || '', v => { doc += v; if (!keep || keep.has(doc)) next.add(doc); });
			keep = next;
		}
		return keep;
	};

	// search is Reader.Search: the docs with every word, best first.
	const search = async query => {
		const meta = await get('meta.json');
		const ws = await terms(meta, query);
		if (!ws.length || ws.some(w => !w.c.length)) return {hits: [], ws};
		const chunks = await Promise.all(ws.map(w => Promise.all(w.c.map(([t]) => get('t/' + hash(t) % meta.chunks + '.json')))));
		let hits = new Map();
		ws.forEach((w, i) => {
			const best = new Map();
			w.c.forEach(([t, weight], j) => {
				for (const [doc, impact, sec] of postings(chunks[i][j][t] || '')) {
					const s = weight * impact;
					if (s > (best.get(doc)?.[0] ?? 0)) best.set(doc, [s, sec]);
				}
			});
			const next = new Map();
			for (const [doc, [s, sec]] of best) {
				const h = i === 0 ? {doc, score: 0, sections: new Map()} : hits.get(doc);
				if (!h) continue;
				h.score += s;
				h.sections.set(sec, (h.sections.get(sec) || 0) + s);
				next.set(doc, h);
			}
			hits = next;
		});
		const keep = await facetDocs();
		const out = [];
		for (const h of hits.values()) {
			if (keep && !keep.has(h.doc)) continue;
			let top = -1;
			for (const [sec, v] of h.sections) if (v > top || v === top && sec < h.section) { h.section = sec; top = v; }
			out.push(h);
		}
		out.sort((a, b) => b.score - a.score || a.doc - b.doc);
		return {hits: out, ws};
	};

	// Excerpt and highlight: the words of the text whose stem is a term the
	// query found, or that start with the word being typed, are marked.
	const matcher = async ws => {
		const meta = await get('meta.json');
		const found = new Set(ws.flatMap(w => w.c.map(([t]) => t)));
		const last = ws.length ? ws[ws.length - 1].word : '';
		return w => { const l = lower(w); return found.has(stem(meta, l)) || len(last) >= 3 && l.startsWith(last); };
	};
	const excerpt = (p, text, hit) => {
		const parts = text.split(/([^\p{L}\p{N}\p{Mn}]+)/u);
		let first = parts.findIndex((w, i) => i % 2 === 0 && w && hit(w));
		let start = 0;
		if (first > 0) { // start about 60 characters before the first word found
			let n = 0;
			for (start = first; start > 0 && n < 60; start--) n += parts[start - 1].length;
		}
		if (start > 0) p.append('…');
		parts.slice(start).forEach((w, i) => {
			if ((start + i) % 2 === 0 && w && hit(w)) {
				const m = document.createElement('mark');
				m.textContent = w;
				p.append(m);
			} else p.append(w);
		});
	};

	let shown = 0, current = null, run = 0;
	const showMore = async () => {
		const {hits, hit} = current, mine = run;
		const batch = hits.slice(shown, shown + page);
		shown += batch.length;
		const docs = await Promise.all(batch.map(h => get('d/' + h.doc + '.json')));
		if (mine !== run) return;
		batch.forEach((h, i) => {
			const d = docs[i], [heading, where, anchor, text] = d.s[h.section] || d.s[0];
			const li = document.createElement('li'), a = document.createElement('a');
			a.href = d.url + (anchor ? '#' + anchor : '');
			a.textContent = heading;
			const w = document.createElement('p'), ex = document.createElement('p');
			w.className = 'where';
			w.textContent = d.s[h.section] && h.section > 0 ? where + ' ' + d.s[0][0] : where; // "Step 3 of" the guide
			ex.className = 'excerpt';
			excerpt(ex, text, hit);
			li.append(a, w, ex);
			list.append(li);
		});
		more.hidden = shown >= hits.length;
	};

	const show = async () => {
		const q = input.value.trim(), mine = ++run;
		if (!q) {
			list.replaceChildren();
			more.hidden = true;
			status.textContent = '';
			return;
		}
		try {
			const {hits, ws} = await search(q);
			const hit = await matcher(ws);
			if (mine !== run) return;
			current = {hits, hit};
			shown = 0;
			list.replaceChildren();
			await showMore();
			if (mine !== run) return;
			const n = hits.length;
			status.textContent = (n === 1 ? '1 result' : n + ' results') + ' for “' + q + '”' + (n > shown ? ', showing ' + shown : '');
		} catch (e) {
			if (mine === run) status.textContent = 'The search index could not be loaded; browse the guides below instead.';
		}
	};

	// The query and filters live in the URL: typing replaces the entry,
	// a search submitted or a filter chosen adds one, and Back goes to it.
	const toURL = push => {
		const url = new URL(location.href);
		url.search = '';
		if (input.value.trim()) url.searchParams.set('q', input.value.trim());
		for (const s of selects) if (s.value) url.searchParams.set(s.name, s.value);
		history[push ? 'pushState' : 'replaceState'](null, '', url);
	};
	const fromURL = () => {
		const p = new URLSearchParams(location.search);
		input.value = p.get('q') || '';
		for (const s of selects) s.value = p.get(s.name) || '';
	};
	let timer;
	input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { toURL(false); show(); }, 120); });
	form.addEventListener('submit', ev => { ev.preventDefault(); clearTimeout(timer); toURL(true); show(); });
	for (const s of selects) s.addEventListener('change', () => { toURL(true); show(); });
	more.addEventListener('click', () => showMore().then(() => list.children[shown - page]?.querySelector('a')?.focus()));
	addEventListener('popstate', () => { fromURL(); show(); });

	// Arrow keys move from the box through the results and back.
	form.addEventListener('keydown', ev => {
		if (ev.key === 'ArrowDown' && ev.target === input) { list.querySelector('a')?.focus(); ev.preventDefault(); }
	});
	list.addEventListener('keydown', ev => {
		const links = [...list.querySelectorAll('a')], i = links.indexOf(document.activeElement);
		if (i < 0) return;
		if (ev.key === 'ArrowDown' && i + 1 < links.length) links[i + 1].focus();
		else if (ev.key === 'ArrowUp') (i > 0 ? links[i - 1] : input).focus();
		else if (ev.key === 'Escape') input.focus();
		else return;
		ev.preventDefault();
	});

	fromURL();
	show();
})();
