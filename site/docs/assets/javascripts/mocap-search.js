// The catalog search: our own form and result list over Pagefind's JavaScript API. Results
// are built with DOM calls and textContent only, never from HTML strings.

const RESULTS_SHOWN = 20;
const TYPING_PAUSE_MS = 250;

const form = document.querySelector("[data-mocap-search]");
if (form) {
  start(form);
}

async function start(form) {
  const status = document.getElementById("mocap-status");
  const list = document.getElementById("mocap-results");
  const more = document.getElementById("mocap-more");
  const root = new URL(form.dataset.root, document.baseURI);
  let pagefind;
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: root.pathname });
    await pagefind.init();
  } catch (error) {
    status.textContent = "The search could not be loaded. Browse by subject or by grade instead.";
    return;
  }
  restoreFromAddress(form);

  // Counting every facet's values needs every facet's index, which grows with the catalog: it
  // is loaded once a visitor turns to the facets (or arrives with some ticked), so a plain
  // search fetches only what it needs. Until then the counts shown are the whole catalog's.
  const facets = form.querySelector(".mocap-facets");
  for (const count of form.querySelectorAll("[data-count]")) {
    count.dataset.count = count.textContent;
  }
  let countsLive = false;
  async function liveCounts() {
    if (!countsLive) {
      countsLive = true;
      await pagefind.filters();
      run();
    }
  }
  for (const event of ["focusin", "pointerdown"]) {
    facets?.addEventListener(event, liveCounts); // the site search has no facets
  }

  let latest = 0;
  let current = { results: [] };
  async function showMore() {
    const ticket = latest;
    const next = current.results.slice(list.children.length, list.children.length + RESULTS_SHOWN);
    const pages = await Promise.all(next.map((r) => r.data()));
    if (ticket !== latest) {
      return;
    }
    list.append(...pages.map(resultItem));
    status.textContent = summary(current.results.length, list.children.length, form.dataset.kind);
    more.hidden = list.children.length >= current.results.length;
  }
  more.addEventListener("click", showMore);

  async function run() {
    const ticket = ++latest;
    const query = form.elements.q.value.trim();
    const filters = selectedFilters(form);
    const narrowed = Boolean(query) || Object.keys(filters).length > 0;
    if (!narrowed && !form.dataset.kind) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Type a word to search.";
      saveToAddress(form);
      return;
    }
    if (form.dataset.kind) {
      filters.kind = form.dataset.kind;
    }
    const options = query ? { filters } : { filters, sort: { title: "asc" } };
    const search = await pagefind.search(query || null, options);
    if (ticket !== latest) {
      return; // a newer search started while this one ran
    }
    current = search;
    list.replaceChildren();
    await showMore();
    updateCounts(form, countsLive ? search.filters : null, narrowed);
    saveToAddress(form);
  }

  let pause;
  form.elements.q.addEventListener("input", () => {
    clearTimeout(pause);
    pause = setTimeout(run, TYPING_PAUSE_MS);
  });
  form.addEventListener("change", (event) => {
    if (event.target.type === "checkbox") {
      run();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  form.addEventListener("reset", () => setTimeout(run));
  if (Object.keys(selectedFilters(form)).length) {
    liveCounts();
  } else {
    run();
  }
}

// Values ticked in one facet widen the search (any of them); facets narrow it (all of them).
function selectedFilters(form) {
  const filters = {};
  for (const box of form.querySelectorAll("input[type=checkbox]:checked")) {
    (filters[box.name] ??= { any: [] }).any.push(box.value);
  }
  return filters;
}

function resultItem(page) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = page.url;
  link.textContent = page.meta.title || page.url;
  item.append(link);
  const facts = document.createElement("span");
  facts.className = "mocap-result__facts";
  if (page.meta.provider) {
    facts.textContent = [
      page.meta.provider,
      `Grades ${page.meta.grades}`,
      `${page.meta.credit} credit`,
      page.meta.price,
    ].join(" · ");
  } else {
    facts.textContent = plainText(page.excerpt);
  }
  item.append(facts);
  return item;
}

function plainText(html) {
  return new DOMParser().parseFromString(html, "text/html").body.textContent || "";
}

function summary(found, shown, kind) {
  const noun = kind === "course" ? "course" : "page";
  const words = found === 1 ? `1 ${noun} found` : `${found} ${noun}s found`;
  return shown < found ? `${words}; showing ${shown}.` : `${words}.`;
}

// Live counts once loaded; before that the whole catalog's counts, hidden while a search
// narrows the list (they would not describe it).
function updateCounts(form, counts, narrowed) {
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    const label = form.querySelector(`label[for="${box.id}"] [data-count]`);
    if (!label) {
      continue;
    }
    if (counts) {
      label.textContent = `(${counts[box.name]?.[box.value] ?? 0})`;
    } else {
      label.textContent = narrowed ? "" : label.dataset.count;
    }
  }
}

function restoreFromAddress(form) {
  const params = new URLSearchParams(window.location.search);
  form.elements.q.value = params.get("q") || "";
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = params.getAll(box.name).includes(box.value);
  }
}

function saveToAddress(form) {
  const params = new URLSearchParams();
  const query = form.elements.q.value.trim();
  if (query) {
    params.set("q", query);
  }
  for (const box of form.querySelectorAll("input[type=checkbox]:checked")) {
    params.append(box.name, box.value);
  }
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
}
