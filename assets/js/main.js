// careguide's default theme works without JavaScript; this file adds what
// only a script can: on a guide, a "mark as done" checkbox on each step
// that remembers the reader's progress in this browser (localStorage),
// and the contents list marking the section being read. Without it the
// steps are a plain numbered list.
(() => {
	const steps = [...document.querySelectorAll('ol.steps > li.step[id]')];
	if (steps.length) {
		const key = 'careguide:steps:' + location.pathname;
		let done = [];
		try { done = JSON.parse(localStorage.getItem(key) || '[]'); } catch (e) { done = []; }
		if (!Array.isArray(done)) done = [];
		const progress = document.createElement('p');
		progress.className = 'steps-progress';
		progress.setAttribute('aria-live', 'polite');
		const update = () => {
			const n = steps.filter(li => li.classList.contains('is-done')).length;
			progress.textContent = n + ' of ' + steps.length + ' steps done';
		};
		const save = () => {
			try { localStorage.setItem(key, JSON.stringify(steps.filter(li => li.classList.contains('is-done')).map(li => li.id))); } catch (e) { /* private mode: progress lasts the visit */ }
		};
		steps.forEach((li, i) => {
			const label = document.createElement('label');
			const box = document.createElement('input');
			const title = li.querySelector('h3');
			label.className = 'step-done';
			box.type = 'checkbox';
			box.checked = done.includes(li.id);
			li.classList.toggle('is-done', box.checked);
			label.append(box, 'Mark as done');
			const hidden = document.createElement('span');
			hidden.className = 'visually-hidden';
			hidden.textContent = ': step ' + (i + 1) + (title ? ', ' + title.textContent : '');
			label.append(hidden);
			box.addEventListener('change', () => {
				li.classList.toggle('is-done', box.checked);
				save();
				update();
			});
			li.append(label);
		});
		const list = steps[0].parentElement;
		list.before(progress);
		update();
	}

	// The contents list shows which section is on screen.
	const toc = document.querySelector('.toc');
	if (toc && 'IntersectionObserver' in window) {
		const links = new Map([...toc.querySelectorAll('a[href^="#"]')].map(a => [decodeURIComponent(a.hash.slice(1)), a]));
		const seen = new Set();
		const observer = new IntersectionObserver(entries => {
			for (const e of entries) e.isIntersecting ? seen.add(e.target.id) : seen.delete(e.target.id);
			const first = [...links.keys()].find(id => seen.has(id));
			for (const [id, a] of links) {
				if (id === first) a.setAttribute('aria-current', 'true');
				else a.removeAttribute('aria-current');
			}
		}, {rootMargin: '0px 0px -60% 0px'});
		for (const id of links.keys()) {
			const el = document.getElementById(id);
			if (el) observer.observe(el);
		}
	}
})();
