/* sphinx-kamerstuk: sort and filter the toezeggingen table in the browser.
 *
 * Progressive enhancement: the page holds the complete table; this script only adds
 * header buttons that sort it and, above it, a text filter and a choice per status and
 * bewindspersoon. Everything it shows is read from the table itself (the cells' text,
 * a cell's data-sort, the labels the extension wrote in data-kamerstuk-labels) and
 * written as text, never as markup.
 */
(function () {
  'use strict';

  const FILTERED_COLUMNS = ['status', 'bewindspersoon'];

  function cellText(cell) {
    return cell ? cell.textContent.replace(/\s+/g, ' ').trim() : '';
  }

  function sortValue(cell) {
    return cell && cell.dataset.sort !== undefined ? cell.dataset.sort : cellText(cell);
  }

  function labelled(text, control, id) {
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = text;
    control.id = id;
    const wrapper = document.createElement('span');
    wrapper.className = 'kamerstuk-filter';
    wrapper.append(label, ' ', control);
    return wrapper;
  }

  function enhance(table) {
    const body = table.tBodies[0];
    if (!table.tHead || !body || table.dataset.kamerstukEnhanced) return;
    table.dataset.kamerstukEnhanced = 'true';
    let labels = {};
    try {
      labels = JSON.parse(table.dataset.kamerstukLabels || '{}');
    } catch (error) {
      labels = {};
    }
    const headers = Array.from(table.tHead.rows[0].cells);
    const rows = Array.from(body.rows);
    const order = new Map(rows.map((row, index) => [row, index]));
    const collator = new Intl.Collator(document.documentElement.lang || undefined, {
      numeric: true,
      sensitivity: 'base',
    });

    const filters = document.createElement('div');
    filters.className = 'kamerstuk-filters';
    filters.setAttribute('role', 'search');
    const search = document.createElement('input');
    search.type = 'search';
    filters.append(labelled(labels.search || 'Search the table', search, table.id + '-zoek'));

    const choices = [];
    FILTERED_COLUMNS.forEach((name) => {
      const index = headers.findIndex((th) => th.dataset.kolom === name);
      if (index < 0) return;
      const select = document.createElement('select');
      const everything = document.createElement('option');
      everything.value = '';
      everything.textContent = labels.all || 'all';
      select.append(everything);
      const values = new Map();
      rows.forEach((row) => {
        const text = cellText(row.cells[index]);
        if (text && !values.has(text)) values.set(text, sortValue(row.cells[index]));
      });
      Array.from(values.keys())
        .sort((a, b) => collator.compare(values.get(a), values.get(b)))
        .forEach((text) => {
          const option = document.createElement('option');
          option.value = text;
          option.textContent = text;
          select.append(option);
        });
      filters.append(labelled(cellText(headers[index]), select, table.id + '-' + name));
      choices.push([index, select]);
    });

    const count = document.createElement('p');
    count.className = 'kamerstuk-getoond';
    count.setAttribute('aria-live', 'polite');
    filters.append(count);
    const region = table.closest('.kamerstuk-scroll') || table;
    region.parentNode.insertBefore(filters, region);

    function stripe() {
      let visible = 0;
      Array.from(body.rows).forEach((row) => {
        if (row.hidden) return;
        row.classList.toggle('row-even', visible % 2 === 0);
        row.classList.toggle('row-odd', visible % 2 === 1);
        visible += 1;
      });
      return visible;
    }

    function applyFilters() {
      const words = search.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      rows.forEach((row) => {
        const text = cellText(row).toLocaleLowerCase();
        row.hidden = !(
          words.every((word) => text.includes(word)) &&
          choices.every(([index, select]) => !select.value || cellText(row.cells[index]) === select.value)
        );
      });
      const shown = stripe();
      count.textContent = (labels.shown || '%(shown)d of %(total)d shown')
        .replace('%(shown)d', String(shown))
        .replace('%(total)d', String(rows.length));
    }

    function sortBy(index, button) {
      const ascending = headers[index].getAttribute('aria-sort') !== 'ascending';
      headers.forEach((th) => th.removeAttribute('aria-sort'));
      headers[index].setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const sorted = rows.slice().sort((a, b) => {
        const x = sortValue(a.cells[index]);
        const y = sortValue(b.cells[index]);
        if (!x !== !y) return x ? -1 : 1; // what has no value comes last either way
        const compared = collator.compare(x, y);
        return (ascending ? compared : -compared) || order.get(a) - order.get(b);
      });
      body.append(...sorted);
      stripe();
      button.focus();
    }

    headers.forEach((th, index) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'kamerstuk-sorteer';
      button.textContent = cellText(th);
      button.addEventListener('click', () => sortBy(index, button));
      th.replaceChildren(button);
    });
    search.addEventListener('input', applyFilters);
    choices.forEach(([, select]) => select.addEventListener('change', applyFilters));
    applyFilters();
  }

  function start() {
    document.querySelectorAll('table.kamerstuk-toezeggingen').forEach(enhance);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
