// The catalog search: our own form and result list over Pagefind's JavaScript API. Results
// are built with DOM calls and textContent only, never from HTML strings.

const RESULTS_SHOWN = 20;
const TYPING_PAUSE_MS = 250;
// Sort orders are files beside the search index (checks/site/sort_orders.py), fetched when the
// list is first sorted: Pagefind's own would be fetched with every search.
const SORTS = {
  title: { order: "title", reversed: false },
  "price-asc": { order: "price", reversed: false },
  "price-desc": { order: "price", reversed: true },
};
// Course pages carry no "kind" filter value, the other pages "other": a value naming every
// course would be fetched with every search.
const COURSES_ONLY = { not: { kind: "other" } };
// What every result of the catalog search is: "AP courses" or "online Spanish class" searches
// the words beside them. A course page holds these words only by chance (a provider's name), so
// searched, they would narrow the results to those pages.
const SAID_OF_EVERY_COURSE = new Set(["course", "courses", "class", "classes", "online", "virtual"]);
const PACING = { "self-paced": "Self-paced", scheduled: "Scheduled", blended: "Blended" };
const COMPARE_MOST = 4;
const COURSE_ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;
const TEACHERS = { 50: "the provider's certified teacher", 52: "the district's own teacher" };

const form = document.querySelector("[data-mocap-search]");
if (form) {
  start(form);
}

async function start(form) {
  const status = document.getElementById("mocap-status");
  const list = document.getElementById("mocap-results");
  const more = document.getElementById("mocap-more");
  const root = new URL(form.dataset.root, document.baseURI);
  status.textContent = "Loading the search…";
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
  const filtersPanel = setUpFiltersToggle(form);
  const compared = new Set(
    new URLSearchParams(window.location.search)
      .getAll("compare")
      .filter((id) => COURSE_ID.test(id))
      .slice(0, COMPARE_MOST),
  );
  const compareLink = document.getElementById("mocap-compare-link");
  const compareClear = document.getElementById("mocap-compare-clear");
  function showCompared() {
    if (!compareLink) {
      return;
    }
    const params = new URLSearchParams();
    compared.forEach((id) => params.append("c", id));
    compareLink.href = `${new URL("compare/", root).pathname}?${params}`;
    compareLink.textContent = `Compare the ${compared.size} courses`;
    compareLink.hidden = compared.size < 2;
    compareClear.hidden = compared.size === 0;
    saveToAddress(form, compared);
  }
  compareClear?.addEventListener("click", () => {
    compared.clear();
    list.querySelectorAll(".mocap-compare-toggle").forEach((button) => button.setAttribute("aria-pressed", "false"));
    showCompared();
    status.textContent = "No courses chosen to compare.";
    form.querySelector("#mocap-query").focus();
  });
  function toggleCompare(id, button) {
    if (compared.has(id)) {
      compared.delete(id);
    } else if (compared.size >= COMPARE_MOST) {
      status.textContent = `Up to ${COMPARE_MOST} courses can be compared: remove one first.`;
      return;
    } else {
      compared.add(id);
    }
    button.setAttribute("aria-pressed", String(compared.has(id)));
    showCompared();
  }

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
  let current = { results: [], query: "" };
  async function showMore(moveFocus) {
    const ticket = latest;
    const shown = list.children.length;
    const next = current.results.slice(shown, shown + RESULTS_SHOWN);
    let pages = await Promise.all(next.map((r) => r.data()));
    if (ticket !== latest) {
      return;
    }
    if (shown === 0 && current.query && !current.sorted) {
      pages = byTitleMatch(pages, current.query);
    }
    const items = pages.map((page) => resultItem(page, form.dataset.kind === "course" ? compared : null, toggleCompare));
    list.append(...items);
    status.textContent =
      summary(current.results.length, list.children.length, form.dataset.kind) +
      leftOut(current.unknown, form.dataset.kind) +
      (current.unsorted ? " They could not be sorted: reload the page to try again." : "");
    more.hidden = list.children.length >= current.results.length;
    if (moveFocus && items.length) {
      items[0].querySelector("a").focus(); // the button may have gone: focus stays in the list
    }
  }
  more.addEventListener("click", () => showMore(true));

  // word → how it is searched: itself, "itself" (exactly), or not at all (judged with the
  // form's fixed filters, which never change)
  const judged = new Map();
  async function run() {
    const ticket = ++latest;
    const typed = form.elements.q.value.trim();
    const fixed = form.dataset.kind === "course" ? COURSES_ONLY : {};
    const words = wordsTyped(typed, form.dataset.kind);
    const { query, unknown } = await searchedWords(pagefind, words, judged, fixed);
    const filters = selectedFilters(form);
    const narrowed = words.length > 0 || Object.keys(filters).length > 0;
    showChips(form, filtersPanel, run);
    if (!narrowed && !form.dataset.kind) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Type a word to search.";
      saveToAddress(form, compared);
      return;
    }
    const sortKey = form.elements.sort?.value || (query ? "" : "title");
    const nothing = unknown.length > 0 && !query; // every word searched is in no page (no course)
    const options = { filters: { ...filters, ...fixed } };
    const sorting = Boolean(SORTS[sortKey]) && !nothing;
    const [search, places] = await Promise.all([
      nothing ? { results: [] } : pagefind.search(query || null, options),
      sorting ? sortOrder(root, sortKey) : null,
    ]);
    const counts = countsLive && !nothing ? await facetCounts(pagefind, query, filters, fixed, search) : null;
    if (ticket !== latest) {
      return; // a newer search started while this one ran
    }
    const ordered = places && inOrder(search.results, places);
    current = {
      results: ordered || search.results,
      query: query.replaceAll('"', ""),
      sorted: Boolean(ordered),
      unsorted: sorting && !ordered,
      unknown: nothing ? [] : unknown, // when nothing is found, that says it all
    };
    list.replaceChildren();
    await showMore(false);
    updateCounts(form, counts, narrowed);
    saveToAddress(form, compared);
  }

  let pause;
  form.elements.q.addEventListener("input", () => {
    clearTimeout(pause);
    pause = setTimeout(run, TYPING_PAUSE_MS);
  });
  form.addEventListener("change", (event) => {
    if (event.target.type === "checkbox" || event.target.name === "sort") {
      run();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  form.addEventListener("reset", () => setTimeout(run));
  showCompared();
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

// Each value's count is what ticking it alone in its facet would give: counted with every other
// facet's filters, but not its own facet's (whose ticked values widen the search, not narrow it).
async function facetCounts(pagefind, query, filters, fixed, search) {
  const counts = { ...search.filters };
  for (const name of Object.keys(filters)) {
    const others = { ...filters, ...fixed };
    delete others[name];
    const without = await pagefind.search(query || null, { filters: others });
    counts[name] = without.filters[name];
  }
  return counts;
}

// What Pagefind is asked for the words typed. A word that no page holds (in the catalog search,
// no course: the fixed filters) is left out and named, so that the other words still search:
// alone, Pagefind would search it as its longest known prefix, so that "biology" found every
// "B" (https://github.com/Pagefind/pagefind/issues/793). A short word that is a word of the
// index on its own ("AP") is searched exactly, not as the start of longer words ("approved").
async function searchedWords(pagefind, words, judged, fixed) {
  for (const word of words) {
    if (!judged.has(word)) {
      judged.set(word, await judgeWord(pagefind, word, { filters: fixed }));
    }
  }
  const kept = words.filter((word) => judged.get(word) !== null);
  const unknown = words.filter((word) => judged.get(word) === null);
  const query = kept.length === 1 ? judged.get(kept[0]) : kept.join(" ");
  return { query, unknown };
}

// The words typed, without the punctuation around them ("courses," or the quotes of “AP”), and
// in the catalog search without those said of every course.
function wordsTyped(typed, kind) {
  return typed
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((word) => word && !(kind === "course" && SAID_OF_EVERY_COURSE.has(word.toLowerCase())));
}

async function judgeWord(pagefind, word, options) {
  if (word.length <= 3) {
    const exact = await pagefind.search(`"${word}"`, options);
    if (exact.results.length) {
      return `"${word}"`;
    }
  }
  const alone = await pagefind.search(word, options);
  if (!alone.results.length) {
    return null;
  }
  const first = await alone.results[0].data();
  return matchesWords(first.excerpt, word) ? word : null;
}

function leftOut(unknown, kind) {
  if (!unknown.length) {
    return "";
  }
  const quoted = unknown.map((word) => `“${word}”`).join(" or ");
  const what = unknown.length === 1 ? "that word was" : "those words were";
  return ` No ${kind === "course" ? "course" : "page"} mentions ${quoted}, so ${what} left out of the search.`;
}

// Among the first results, a title that is the words searched, or starts with them, or holds
// them all, comes before a page that only mentions them.
function byTitleMatch(pages, query) {
  const words = query.toLowerCase().split(/\s+/);
  const rank = (page) => {
    const title = (page.meta.title || "").toLowerCase();
    if (title === words.join(" ")) {
      return 0;
    }
    if (title.startsWith(words.join(" "))) {
      return 1;
    }
    return words.every((word) => title.includes(word)) ? 2 : 3;
  };
  // Among titles that start with the words, the shortest is the closest ("Algebra I" first).
  const closeness = (entry) => (entry.rank <= 1 ? (entry.page.meta.title || "").length : 0);
  return pages
    .map((page, order) => ({ page, order, rank: rank(page) }))
    .sort((a, b) => a.rank - b.rank || closeness(a) - closeness(b) || a.order - b.order)
    .map((entry) => entry.page);
}

const sortPlaces = new Map(); // sort key → its promised place of each result id

// Each result id's place in the order ``key`` names; null when it cannot be fetched (tried again
// at the next search). The file naming the current orders is asked for afresh (past any cache),
// so that an order is as new as the index; each order's own file is named by its content.
async function sortOrder(root, key) {
  if (!sortPlaces.has(key)) {
    const { order, reversed } = SORTS[key];
    sortPlaces.set(key, (async () => {
      const names = await fetchJson(new URL(`pagefind/mocap-sorts.json?ts=${Date.now()}`, root));
      const groups = await fetchJson(new URL(`pagefind/${names[order]}`, root));
      const places = new Map(); // tied results stay in title order either way
      for (const group of reversed ? [...groups].reverse() : groups) {
        group.forEach((id) => places.set(id, places.size));
      }
      return places;
    })());
  }
  try {
    return await sortPlaces.get(key);
  } catch (error) {
    sortPlaces.delete(key);
    return null;
  }
}

async function fetchJson(address) {
  const response = await fetch(address);
  if (!response.ok) {
    throw new Error(`${response.status} fetching ${address}`);
  }
  return response.json();
}

// The results in the order of ``places``; null when the order lacks one (it is of another index:
// the site changed since the page was loaded).
function inOrder(results, places) {
  if (!results.every((result) => places.has(result.id))) {
    return null;
  }
  return [...results].sort((a, b) => places.get(a.id) - places.get(b.id));
}

// A result of a one-word search whose every highlighted word shares only a short stand-in
// with that word is no match for it.
function matchesWords(excerpt, query) {
  const marks = [...new DOMParser().parseFromString(excerpt, "text/html").querySelectorAll("mark")];
  const terms = query.toLowerCase().split(/\s+/);
  return marks.some((mark) => {
    const word = mark.textContent.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
    return terms.some((term) => sharedStart(word, term) >= Math.min(term.length, 4));
  });
}

function sharedStart(a, b) {
  let length = 0;
  while (length < a.length && a[length] === b[length]) {
    length += 1;
  }
  return length;
}

function resultItem(page, compared, toggleCompare) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = page.url;
  link.textContent = page.meta.title || page.url;
  item.append(link);
  const id = courseId(page.url);
  if (compared && id) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "mocap-compare-toggle";
    button.textContent = "Compare";
    button.setAttribute("aria-label", `Compare ${link.textContent}`);
    button.setAttribute("aria-pressed", String(compared.has(id)));
    button.addEventListener("click", () => toggleCompare(id, button));
    item.append(" ", button);
  }
  const facts = document.createElement("span");
  facts.className = "mocap-result__facts";
  const meta = page.meta;
  if (meta.provider) {
    const price =
      meta.length === "year"
        ? `${meta.price} a year (${meta.semester_price} a semester)`
        : `${meta.price} a semester`;
    facts.textContent = [
      meta.provider,
      `${/[–,-]/.test(meta.grades) ? "Grades" : "Grade"} ${meta.grades}`,
      `${meta.credit} credit`,
      meta.length === "year" ? "Full year" : "One semester",
      price,
      TEACHERS[meta.teacher] ? `Taught by ${TEACHERS[meta.teacher]}` : "",
      PACING[meta.pacing] || "",
      meta.rolling ? "Join at any time" : "",
      meta.ncaa ? "NCAA-approved" : "",
    ]
      .filter(Boolean)
      .join(" · ");
  } else {
    facts.textContent = plainText(page.excerpt);
  }
  item.append(facts);
  return item;
}

// "provider/course" from a course page's address (…/courses/provider/course/).
function courseId(url) {
  const found = /\/courses\/([a-z0-9-]+\/[a-z0-9-]+)\/$/.exec(url);
  return found ? found[1] : "";
}

function plainText(html) {
  return new DOMParser().parseFromString(html, "text/html").body.textContent || "";
}

function summary(found, shown, kind) {
  const noun = kind === "course" ? "course" : "page";
  if (found === 0) {
    return `No ${noun}s found. Check the spelling, use fewer words, or clear a filter.`;
  }
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

// On narrow screens the facets sit behind a "Filters" button, so that the results come first.
function setUpFiltersToggle(form) {
  const toggle = form.querySelector("#mocap-filters-toggle");
  const panel = form.querySelector("#mocap-facets");
  if (!toggle || !panel) {
    return null;
  }
  form.dataset.ready = "";
  toggle.hidden = false;
  for (const facet of panel.querySelectorAll(".mocap-facet__toggle")) {
    facet.hidden = false; // each facet folds away; without the script they all stay open
    facet.addEventListener("click", () => {
      const open = facet.getAttribute("aria-expanded") !== "true";
      facet.setAttribute("aria-expanded", String(open));
      document.getElementById(facet.getAttribute("aria-controls")).hidden = !open;
    });
  }
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    panel.classList.toggle("mocap-facets--open", open);
  });
  return toggle;
}

// Each ticked value as a button that removes it; the "Filters" button shows how many there are.
function showChips(form, toggle, rerun) {
  const list = form.querySelector("#mocap-chips");
  if (!list) {
    return;
  }
  const ticked = [...form.querySelectorAll("input[type=checkbox]:checked")];
  list.replaceChildren(
    ...ticked.map((box, index) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "mocap-chip";
      const facet = form.querySelector(`#f-${box.name}-label`)?.textContent ?? box.name;
      const value = chipText(form.querySelector(`label[for="${box.id}"]`));
      button.textContent = `${facet}: ${value} ×`;
      button.setAttribute("aria-label", `Remove the filter ${facet}: ${value}`);
      button.addEventListener("click", () => {
        box.checked = false;
        rerun();
        const next = ticked[index + 1] ? index : index - 1;
        setTimeout(() => (list.querySelectorAll("button")[next] || form.elements.q).focus());
      });
      item.append(button);
      return item;
    }),
  );
  list.parentElement.hidden = ticked.length === 0;
  const count = toggle?.querySelector("[data-active-count]");
  if (count) {
    count.textContent = ticked.length ? `(${ticked.length} on)` : "";
  }
}

function chipText(label) {
  const copy = label.cloneNode(true);
  copy.querySelector("[data-count]")?.remove();
  return copy.textContent.trim();
}

function restoreFromAddress(form) {
  const params = new URLSearchParams(window.location.search);
  form.elements.q.value = params.get("q") || "";
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = params.getAll(box.name).includes(box.value);
  }
  if (form.elements.sort) {
    const sort = params.get("sort") || "";
    form.elements.sort.value = sort in SORTS ? sort : "";
  }
}

function saveToAddress(form, compared) {
  const params = new URLSearchParams();
  const query = form.elements.q.value.trim();
  if (query) {
    params.set("q", query);
  }
  for (const box of form.querySelectorAll("input[type=checkbox]:checked")) {
    params.append(box.name, box.value);
  }
  if (form.elements.sort?.value) {
    params.set("sort", form.elements.sort.value);
  }
  compared?.forEach((id) => params.append("compare", id));
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
}
