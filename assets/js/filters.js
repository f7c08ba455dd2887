// On /enrichment/, turns the filter bar's links (one page per value, for
// readers without JavaScript) into one select per dimension that narrows
// the list in place. Dimensions combine: an idea shows when it matches
// every chosen value. Species is a space-separated list on each idea.
(() => {
  const bar = document.querySelector('.filters[data-live]');
  const count = document.getElementById('idea-count');
  if (!bar || !count) return;
  const ideas = [...document.querySelectorAll('.idea')];
  const form = document.createElement('form');
  form.className = 'filters';
  form.setAttribute('aria-label', 'Filter ideas');
  const selects = [];
  for (const row of bar.querySelectorAll('.filter')) {
    const label = document.createElement('label');
    label.textContent = row.querySelector('.filter-name').textContent.replace(/:$/, '') + ' ';
    const select = document.createElement('select');
    select.name = row.dataset.dimension;
    select.add(new Option('Any', ''));
    for (const a of row.querySelectorAll('a')) select.add(new Option(a.textContent, a.dataset.value));
    label.append(select);
    form.append(label);
    selects.push(select);
  }
  form.addEventListener('submit', e => e.preventDefault());
  form.addEventListener('change', () => {
    const want = selects.filter(s => s.value).map(s => [s.name, s.value]);
    let shown = 0;
    for (const idea of ideas) {
      const match = want.every(([dim, value]) =>
        dim === 'species' ? idea.dataset.species.split(' ').includes(value) : idea.dataset[dim] === value);
      idea.hidden = !match;
      if (match) shown++;
    }
    for (const section of document.querySelectorAll('section[id^="kind-"]')) {
      section.hidden = !section.querySelector('.idea:not([hidden])');
    }
    count.textContent = shown + (shown === 1 ? ' idea' : ' ideas');
  });
  bar.replaceWith(form);
})();
