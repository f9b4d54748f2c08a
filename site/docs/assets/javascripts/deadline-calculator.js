// The enrollment guide's deadline calculator. The deadlines are computed by the site build
// (checks/business_days.py, from the state holiday reference data); this only looks them up.

const form = document.querySelector(".mocap-calculator");
if (form) {
  start(form);
}

async function start(form) {
  const output = document.getElementById("mocap-deadlines");
  let table;
  try {
    const response = await fetch(new URL(form.dataset.deadlines, document.baseURI));
    table = await response.json();
  } catch (error) {
    output.textContent = "The calculator could not load its holiday data.";
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const received = form.elements.received.value;
    const due = table.due[received];
    if (!received) {
      output.textContent = "Choose the date the request was received.";
    } else if (!due) {
      const years = table.years;
      const span = years.length > 1 ? `${years[0]} to ${years[years.length - 1]}` : `${years[0]}`;
      output.textContent =
        `The state holidays are listed for ${span} only, so this date cannot be worked out here. ` +
        "Count the weekdays after it, skipping state holidays.";
    } else {
      const [decision, notice] = due.map(longDate);
      const days = table.business_days;
      output.replaceChildren(
        line(`A district or charter school decides by ${decision}`, `${days.decision} business days`),
        line(`A full-time program's written denial is due by ${notice}`, `${days.full_time_notice} business days, when the resident district was told that day`),
      );
    }
  });
}

function line(text, detail) {
  const paragraph = document.createElement("p");
  const strong = document.createElement("strong");
  strong.textContent = text;
  paragraph.append(strong, ` (${detail}).`);
  return paragraph;
}

function longDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString("en-US", {
    weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone: "UTC",
  });
}
