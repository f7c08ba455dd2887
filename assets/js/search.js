// Instant search on /search/ over the index the build writes: the shards
// that search/index.json lists. Every word typed must appear in an entry;
// entries whose title has every word come first, the rest keep the index's
// order (guides by source path, each followed by its steps, gear and ideas).
(() => {
	const form = document.getElementById('search');
	if (!form) return;
	const input = form.elements.q;
	const status = document.getElementById('search-status');
	const list = document.getElementById('search-results');
	const max = 50;
	let index = null, failed = '';

	const show = () => {
		const q = input.value.trim();
		const words = q.toLowerCase().split(/\s+/).filter(Boolean);
		list.replaceChildren();
		if (!index || !words.length) {
			status.textContent = index ? '' : failed || 'Loading the search index…';
			return;
		}
		const hits = index.filter(e => words.every(w => e.all.includes(w)))
			.map((e, i) => ({e, i, rank: words.every(w => e.low.includes(w)) ? 0 : 1}))
			.sort((a, b) => a.rank - b.rank || a.i - b.i);
		for (const {e} of hits.slice(0, max)) {
			const li = document.createElement('li'), a = document.createElement('a'), where = document.createElement('p');
			a.href = e.url;
			a.textContent = e.title;
			where.className = 'where';
			where.textContent = e.where;
			li.append(a, where);
			list.append(li);
		}
		const n = hits.length;
		status.textContent = (n === 1 ? '1 result' : n + ' results') + (n > max ? ', showing the first ' + max : '');
	};

	const remember = () => {
		const url = new URL(location.href);
		if (input.value.trim()) url.searchParams.set('q', input.value.trim());
		else url.searchParams.delete('q');
		history.replaceState(null, '', url);
	};

	input.addEventListener('input', () => { show(); remember(); });
	form.addEventListener('submit', ev => { ev.preventDefault(); show(); });
	input.value = new URLSearchParams(location.search).get('q') || '';
	show();

	const load = url => fetch(url).then(r => { if (!r.ok) throw new Error(r.status); return r.json(); });
	// The index is a list of shards, fetched in parallel and joined in order.
	load(form.dataset.index)
		.then(manifest => Promise.all(manifest.shards.map(load)))
		.then(shards => {
			index = shards.flat().map(e => {
				const low = e.title.toLowerCase();
				return {...e, low, all: [low, e.where, e.text || ''].join(' ').toLowerCase()};
			});
			show();
		})
		.catch(() => {
			failed = 'The search index could not be loaded; browse the guides below instead.';
			show();
		});
})();
