"""The action plan the team keeps, in Chromium: rows typed, kept over a reload, exported as CSV
(BOM, RFC 4180) and JSON, imported back; untrusted files refused with a message and nothing lost;
values shown as text, never as HTML; the import fuzzed."""

from __future__ import annotations

import csv
import io
import json
import random
import re

import pytest
from playwright.sync_api import expect

from .tools_page import MEETING, PLAN, downloaded, import_file, tool_page

pytestmark = pytest.mark.browser

TRICKY = 'Book a room, "the big one", with a projector'
FORMULA = "=HYPERLINK(\"http://example.invalid\")"


def meeting(page, meeting_id: str = MEETING):
    return page.locator(f'[data-tk-meeting="{meeting_id}"]')


def add_action(page, action: str, who: str = "", due: str = "", status: str = "not-started",
               notes: str = "", meeting_id: str = MEETING) -> None:
    section = meeting(page, meeting_id)
    section.get_by_role("button", name="Add an action").click()
    row = section.locator(".tk-plan-action").last
    row.get_by_label("Action", exact=True).fill(action)
    row.get_by_label("Who").fill(who)
    if due:
        row.get_by_label("By when").fill(due)
    row.get_by_label("Status").select_option(status)
    row.get_by_label("Notes", exact=True).fill(notes)


def rows(page, meeting_id: str = MEETING) -> list[dict[str, str]]:
    return page.evaluate(
        """id => [...document.querySelectorAll(`[data-tk-meeting="${id}"] .tk-plan-action`)].map(row =>
            Object.fromEntries([...row.querySelectorAll("[data-tk-name]")].map(f => [f.dataset.tkName, f.value])))""",
        meeting_id)


def test_rows_are_kept_over_a_reload_and_removed_with_confirmation(browser, base_url):
    with tool_page(browser, base_url + PLAN) as page:
        assert page.locator(".tk-action-plan").is_hidden()  # the form takes the empty table's place
        add_action(page, TRICKY, "Sam", "2027-01-15", "in-progress", "Ask facilities")
        add_action(page, "Send the invitations", "Alex")
        page.reload()
        kept = rows(page)
        assert kept == [
            {"action": TRICKY, "who": "Sam", "due": "2027-01-15", "status": "in-progress",
             "notes": "Ask facilities"},
            {"action": "Send the invitations", "who": "Alex", "due": "", "status": "not-started", "notes": ""}]
        meeting(page).get_by_role("button", name="Remove action 1").click()
        page.reload()
        assert [r["action"] for r in rows(page)] == ["Send the invitations"]


def test_csv_export_has_a_bom_and_rfc_4180_quoting(browser, base_url):
    with tool_page(browser, base_url + PLAN) as page:
        add_action(page, "Book a room, \"the big one\"", FORMULA, "2027-01-15", "done", "line one\nline two")
        text = downloaded(page, page.get_by_role("button", name="Export CSV"))
        assert text.startswith("\ufeff") and "\r\n" in text
        table = list(csv.reader(io.StringIO(text[1:], newline="")))
        assert table[0] == ["Part", "Meeting", "Milestone", "Action", "Who", "By when", "Status", "Notes"]
        meetings = page.locator("[data-tk-meeting]").count()
        assert len(table) == 1 + meetings  # one action here, one empty row for every other meeting
        first = table[1]
        assert first[1].startswith("1. ") and first[3:] == [
            'Book a room, "the big one"', "'" + FORMULA, "2027-01-15", "Done", "line one\nline two"]
        assert '"Book a room, ""the big one"""' in text


def test_json_export_then_import_restores_the_plan(browser, base_url):
    with tool_page(browser, base_url + PLAN) as page:
        add_action(page, "Draft the ground rules", "Co-chairs", "2027-02-01", "in-progress", "<b>bold?</b>")
        add_action(page, "Choose the trainers", meeting_id="building-the-logic-model")
        page.get_by_label("What the team produced").first.fill("Team list & roles")
        exported = downloaded(page, page.get_by_role("button", name="Export JSON"))
        data = json.loads(exported)
        assert data["schema"] == 1 and [m["id"] for m in data["meetings"]][0] == MEETING
        assert data["meetings"][0]["actions"][0]["notes"] == "<b>bold?</b>"
        before = rows(page), rows(page, "building-the-logic-model")
        page.get_by_role("button", name="Clear everything").click()
        assert rows(page) == []
        import_file(page, "action-plan.json", exported)
        expect(page.locator(".tk-plan-status")).to_have_text("Imported: 2 actions.")
        assert (rows(page), rows(page, "building-the-logic-model")) == before
        assert page.get_by_label("What the team produced").first.input_value() == "Team list & roles"
        page.reload()
        assert (rows(page), rows(page, "building-the-logic-model")) == before


def test_csv_export_then_import_restores_the_rows(browser, base_url):
    with tool_page(browser, base_url + PLAN) as page:
        add_action(page, 'A, "quoted" action', FORMULA, "2027-03-04", "done", "two\nlines")
        exported = downloaded(page, page.get_by_role("button", name="Export CSV"))
        before = rows(page)
        page.get_by_role("button", name="Clear everything").click()
        import_file(page, "plan.csv", exported, "text/csv")
        expect(page.locator(".tk-plan-status")).to_have_text("Imported: 1 actions.")
        assert rows(page) == before and before[0]["who"] == FORMULA


BAD_FILES = [
    ("plan.json", "{not json"),
    ("plan.json", "[]"),
    ("plan.json", json.dumps({"meetings": {"a": 1}})),
    ("plan.json", json.dumps({"meetings": [{"id": "no-such-meeting", "actions": []}]})),
    ("plan.json", json.dumps({"meetings": [{"id": MEETING, "actions": [{"action": 5}]}]})),
    ("plan.json", json.dumps({"meetings": [{"id": MEETING, "actions": [{"due": "soon"}]}]})),
    ("plan.json", json.dumps({"meetings": [{"id": MEETING, "actions": [{"status": "maybe"}]}]})),
    ("plan.json", json.dumps({"meetings": [{"id": MEETING, "actions": [{"action": "x" * 6000}]}]})),
    ("plan.json", json.dumps({"meetings": [{"id": MEETING, "actions": [{}] * 501}]})),
    ("plan.json", "[" * 100_000),
    ("plan.json", " " * (1024 * 1024 + 1)),
    ("plan.csv", 'a,b\n"unclosed'),
    ("plan.csv", "only,three,columns\n"),
    ("plan.csv", "p,m,ms,a,w,d,s,n\np,99. Nothing,ms,a,w,,,n\n"),
    ("plan.txt", "hello"),
]


@pytest.mark.parametrize("name, content", BAD_FILES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(BAD_FILES)])
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_lost(browser, base_url, name, content):
    with tool_page(browser, base_url + PLAN) as page:
        add_action(page, "Keep me", "Sam")
        before = page.evaluate("JSON.stringify(localStorage)")
        import_file(page, name, content)
        expect(page.get_by_role("alert")).to_contain_text("This file was not imported, and your plan is unchanged: ")
        assert page.evaluate("JSON.stringify(localStorage)") == before
        assert [r["action"] for r in rows(page)] == ["Keep me"]


def test_html_in_imported_values_stays_text(browser, base_url):
    attack = '<img src=x onerror="window.__owned=1"><script>window.__owned=2</script>'
    data = {"meetings": [{"id": MEETING, "produced": attack,
                          "actions": [{"action": attack, "who": attack, "status": "done", "notes": attack}]}]}
    with tool_page(browser, base_url + PLAN) as page:
        import_file(page, "plan.json", json.dumps(data))
        expect(page.locator(".tk-plan-status")).to_contain_text("Imported")
        assert rows(page)[0]["action"] == attack
        page.emulate_media(media="print")
        cell = page.locator(".tk-plan-print tbody tr").first.locator("td").nth(1)
        assert cell.inner_text() == attack
        page.wait_for_timeout(200)
        assert page.evaluate("window.__owned") is None
        assert page.locator(".tk-plan img, .tk-plan-print script").count() == 0


def test_stored_state_is_read_as_data_never_run(browser, base_url):
    """A record in storage with the wrong shapes and markup: the pages show text and keep working."""
    attack = '<img src=x onerror="window.__owned=1">'
    record = {"schema": 1, "plan": {MEETING: {"produced": attack, "actions": [
        {"action": attack, "who": ["list"], "due": "<b>", "status": "__proto__", "notes": {"x": 1}}, 7, None]},
        "__proto__": {"polluted": True}},
        "checks": {f"{MEETING}/preparation": "yes"}, "schedule": {"first": attack, "every": "1e9"},
        "rooms": {MEETING: {"current": 99, "notes": attack, "clock": {"running": True, "since": "x"}}}}
    with tool_page(browser, base_url + PLAN) as page:
        page.evaluate("""record => { for (const key of Object.keys(localStorage)) localStorage.removeItem(key);
            const key = "toolkit-builder:toolkit@" + new URL("../../", location.href).pathname;
            localStorage.setItem(key, JSON.stringify(record)); }""", record)
        for path in (PLAN, "process/", f"facilitation/{MEETING}/room/", f"facilitation/{MEETING}/facilitator-guide/"):
            page.goto(base_url + path)
            page.wait_for_timeout(300)
            assert page.evaluate("window.__owned") is None and page.evaluate("({}).polluted") is None
            assert page.locator("article img[src=x]").count() == 0
        page.goto(base_url + PLAN)
        assert rows(page)[0] == {"action": attack, "who": "list", "due": "", "status": "not-started",
                                 "notes": "[object Object]"}


def _mutations(valid: str, rng: random.Random) -> list[str]:
    """Broken copies of a valid export: cut, spliced, shuffled bytes, values of the wrong type."""
    data = json.loads(valid)
    wrong = [None, 1, 1.5, True, [], {}, "x" * 10, "<b>x</b>", {"__proto__": {"a": 1}}, "\u0000\u202e"]
    found = []
    for _ in range(120):
        kind = rng.randrange(4)
        if kind == 0:
            found.append(valid[: rng.randrange(len(valid))])
        elif kind == 1:
            i = rng.randrange(len(valid))
            found.append(valid[:i] + rng.choice('{}[]",:\\') + valid[i + 1:])
        else:
            copy = json.loads(valid)
            target = rng.choice([copy, copy["meetings"][0], copy["meetings"][0]["actions"][0]])
            target[rng.choice(list(target))] = rng.choice(wrong)
            found.append(json.dumps(copy))
    return found + [json.dumps(data).replace('"done"', '"DONE"')]


def test_the_import_fuzzed(browser, base_url):
    """Hundreds of broken exports: each is refused with one of the page's own reasons, or taken
    with every value a string; never another error, never markup."""
    with tool_page(browser, base_url + PLAN) as page:
        add_action(page, "Seed", "Sam", "2027-01-01", "done", "n")
        valid = downloaded(page, page.get_by_role("button", name="Export JSON"))
        csv_text = downloaded(page, page.get_by_role("button", name="Export CSV"))
        rng = random.Random(23)
        cases = [("json", text) for text in _mutations(valid, rng)]
        cases += [("csv", csv_text[: rng.randrange(len(csv_text))] + rng.choice(['"', ",", "\n", "x", "'="]))
                  for _ in range(80)]
        outcomes = page.evaluate(
            """cases => {
              const ids = [...document.querySelectorAll("[data-tk-meeting]")].map(s => s.dataset.tkMeeting);
              const numbers = Object.fromEntries([...document.querySelectorAll("[data-tk-meeting]")]
                .map(s => [s.dataset.tkNumber, s.dataset.tkMeeting]));
              const labels = {"not-started": "Not started", "in-progress": "In progress", "done": "Done"};
              return cases.map(([kind, text]) => {
                try {
                  const plan = kind === "json" ? ToolkitFiles.planFromJson(text, ids, labels)
                                               : ToolkitFiles.planFromCsv(text, numbers, labels);
                  const values = Object.values(plan).flatMap(e => [e.produced, ...e.actions.flatMap(Object.values)]);
                  return values.every(v => typeof v === "string") ? "taken" : "not text";
                } catch (error) { return "refused:" + error.message; }
              });
            }""", cases)
        reasons = {"json", "csv", "columns", "shape", "meeting", "date", "status", "long", "many"}
        assert all(o == "taken" or o.split(":", 1)[1] in reasons for o in outcomes), set(outcomes)
        assert "taken" in outcomes and any(o.startswith("refused") for o in outcomes)


def test_printing_prints_what_the_team_wrote_on_landscape_sheets(browser, base_url):
    with tool_page(browser, base_url + PLAN) as page:
        add_action(page, "Book the room", "Sam", "2027-01-15", "done", "Ground floor")
        page.emulate_media(media="print")
        assert page.locator(".tk-plan-form").is_hidden() and page.locator(".tk-action-plan").is_hidden()
        table = page.locator(".tk-plan-print table")
        assert table.is_visible() and page.evaluate("getComputedStyle(document.body).page") == "tk-landscape"
        first = table.locator("tbody tr").first
        assert [c.strip() for c in first.locator("th, td").all_inner_texts()][2:] == [
            "Book the room", "Sam", "Jan 15, 2027", "Done", "Ground floor"]
        pdf = page.pdf(prefer_css_page_size=True)
        sizes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf))
        assert sizes and all(float(width) > float(height) for width, height in sizes), sizes  # A4 across


@pytest.mark.parametrize("language", ["", "fr/"])
def test_the_bundled_plan_with_an_action_prints_on_one_sheet(browser, base_url, language):
    """Six meetings, their milestones and room to write: one landscape sheet, in either language."""
    with tool_page(browser, base_url + language + PLAN) as page:
        page.emulate_media(media="print")
        pdf = page.pdf(prefer_css_page_size=True)
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1, "the plan takes more than one sheet"
        assert page.locator(".tk-plan-print tbody tr").count() == 6
