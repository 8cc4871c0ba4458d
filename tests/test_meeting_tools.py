"""The meeting room, the schedule and the checklists, driven in Chromium as a facilitator would:
start time to clock times, the timer under Playwright's clock, Next/Previous and the arrow keys,
notes and ticks kept, the calendar file, French, the offline copy from file://, axe, no JavaScript."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from .audit import axe_script, run_axe
from .browser import ROOT
from .tools_page import GUIDE, MEETING, PLAN, PROCESS, ROOM, downloaded, plain, tool_page

pytestmark = pytest.mark.browser


def current(page) -> int:
    return int(page.locator("[aria-current=step]").get_attribute("data-tk-agenda-item"))


def minutes(page) -> list[int]:
    return [int(m) for m in page.locator("[data-tk-agenda-item]").evaluate_all(
        "items => items.map(i => i.dataset.tkMinutes)")]


def clock(minute_of_day: int) -> str:
    hours, rest = divmod(minute_of_day % (24 * 60), 60)
    return f"{(hours + 11) % 12 + 1}:{rest:02d} {'AM' if hours < 12 else 'PM'}"


def test_the_meeting_page_and_guide_lead_to_the_room(browser, base_url):
    with tool_page(browser, base_url + f"facilitation/{MEETING}/") as page:
        page.get_by_role("link", name="Run this meeting").click()
        assert page.url.endswith(ROOM)
        assert page.locator("h1").inner_text().startswith("Meeting room: ")
    with tool_page(browser, base_url + GUIDE) as page:
        assert page.get_by_role("link", name="Run this meeting").get_attribute("href").endswith("room/")


def test_start_time_turns_the_agenda_into_clock_times(browser, base_url):
    with tool_page(browser, base_url + ROOM) as page:
        page.get_by_label("Start time").fill("14:00")
        page.get_by_label("Start time").dispatch_event("change")
        lengths, start, shown = minutes(page), 14 * 60, []
        for length in lengths:
            shown.append(f"{clock(start)}–{clock(start + length)}")
            start += length
        assert [plain(t) for t in page.locator("[data-tk-clock]").all_inner_texts()] == shown
        assert plain(page.locator("[data-tk-end]").inner_text()) == clock(14 * 60 + sum(lengths))
        page.reload()
        assert page.get_by_label("Start time").input_value() == "14:00"


def test_start_runs_the_timer_and_says_only_what_matters(browser, base_url):
    with tool_page(browser, base_url + ROOM, clock=True) as page:
        first = minutes(page)[0]
        timer = page.get_by_role("timer")
        assert timer.inner_text() == f"{first}:00"
        page.get_by_role("button", name="Start").click()
        assert page.get_by_role("button", name="Pause").get_attribute("aria-pressed") == "true"
        page.clock.run_for((first - 2) * 60_000)
        assert timer.inner_text() in ("2:00", "1:59", "2:01")
        page.clock.run_for(65_000)
        page.wait_for_function("() => document.querySelector('[aria-live=polite]').textContent === 'One minute left.'")
        page.clock.run_for(120_000)
        page.wait_for_function("() => document.querySelector('[aria-live=polite]').textContent.startsWith('Time is up')")
        assert timer.inner_text().startswith("−")
        assert re.fullmatch(r"1 minute over time · 1 minute behind plan", page.locator("[data-tk-pace]").inner_text())
        page.get_by_role("button", name="Pause").click()
        frozen = timer.inner_text()
        page.clock.run_for(300_000)
        assert timer.inner_text() == frozen


def test_next_previous_and_arrow_keys_move_the_current_item(browser, base_url):
    with tool_page(browser, base_url + ROOM) as page:
        items = page.locator("[data-tk-agenda-item]").count()
        assert current(page) == 0 and page.get_by_role("button", name="Previous").is_disabled()
        page.get_by_role("button", name="Next").click()
        assert current(page) == 1
        title = page.locator("[data-tk-agenda-item]").nth(1).locator("[data-tk-title]").inner_text()
        assert page.locator(".tk-room-now .tk-agenda-title").inner_text() == title
        page.wait_for_function("t => document.querySelector('[aria-live=polite]').textContent.endsWith(t)", arg=title)
        page.keyboard.press("ArrowRight")
        assert current(page) == 2
        page.keyboard.press("ArrowLeft")
        assert current(page) == 1
        page.get_by_label("Notes", exact=True).click()
        page.keyboard.press("ArrowRight")  # typing in a field: the key is the field's
        assert current(page) == 1
        for _ in range(items + 2):
            page.get_by_role("button", name="Previous").press("ArrowRight")  # on a button the keys still move
        assert current(page) == items - 1 and page.get_by_role("button", name="Next").is_disabled()


def test_notes_ticks_and_what_the_team_produced_survive_a_reload(browser, base_url):
    with tool_page(browser, base_url + ROOM) as page:
        page.get_by_label("Notes", exact=True).fill("Everyone came; Ana chairs.")
        page.get_by_role("button", name="Next").click()
        page.get_by_label("Notes", exact=True).fill("Ground rules: listen first.")
        box = page.locator(".tk-checklist--boxes input[type=checkbox]").first
        box.check()
        page.get_by_label("What the team produced").fill("A list of members")
        page.get_by_label("This meeting is done").check()
        page.reload()
        assert current(page) == 1 and page.get_by_label("Notes", exact=True).input_value() == "Ground rules: listen first."
        page.get_by_role("button", name="Previous").click()
        assert page.get_by_label("Notes", exact=True).input_value() == "Everyone came; Ana chairs."
        assert page.locator(".tk-checklist--boxes input[type=checkbox]").first.is_checked()
        page.goto(base_url + GUIDE)  # the same list on the guide: the same ticks
        assert page.locator(".tk-checklist--boxes input[type=checkbox]").first.is_checked()
        page.goto(base_url + PLAN)
        assert page.locator(f'[data-tk-meeting="{MEETING}"] [data-tk-produced]').input_value() == "A list of members"
        page.goto(base_url + PROCESS)
        assert page.locator(f'#meeting-{MEETING} .tk-meeting-date__done').inner_text() == "Done"


def _unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")


def test_the_calendar_has_one_event_per_meeting_on_the_right_dates(browser, base_url):
    with tool_page(browser, base_url + PROCESS) as page:
        page.get_by_label("First meeting date").fill("2027-01-07")
        page.get_by_label("First meeting date").dispatch_event("change")
        page.get_by_label("Start time").fill("18:30")
        page.get_by_label("Start time").dispatch_event("change")
        page.get_by_label("Meets every").fill("3")
        page.get_by_label("Meets every").dispatch_event("change")
        steps = page.locator("[data-tk-event]")
        count = steps.count()
        assert plain(steps.nth(1).locator("[data-tk-out]").inner_text()) == "Date: Thursday, January 28, 2027 at 6:30 PM"
        ics = downloaded(page, page.get_by_role("button", name="Download calendar (.ics)"))
        assert ics.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:") and ics.endswith("END:VCALENDAR\r\n")
        assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
        lines = _unfold(ics)
        starts = [line for line in lines if line.startswith("DTSTART")]
        assert len(starts) == count == lines.count("BEGIN:VEVENT") == len({line for line in lines if line.startswith("UID:")})
        expected = [(date(2027, 1, 7) + timedelta(weeks=3 * n)).strftime("DTSTART:%Y%m%dT183000") for n in range(count)]
        assert starts == expected
        durations = [int(m) for m in steps.evaluate_all("s => s.map(e => e.dataset.tkMinutes)")]
        assert [line for line in lines if line.startswith("DURATION")] == [f"DURATION:PT{m}M" for m in durations]
        assert any(line.startswith("SUMMARY:Meeting 1: ") for line in lines)
        assert all(line.split(":", 1)[1].startswith("http") for line in lines if line.startswith("URL:"))


def test_the_same_in_french_with_one_plan_for_both_languages(browser, base_url):
    with tool_page(browser, base_url + PLAN) as page:
        page.locator(f'[data-tk-meeting="{MEETING}"]').get_by_role("button", name="Add an action").click()
        page.get_by_label("Action", exact=True).fill("Réserver la salle")
        page.goto(base_url + "fr/" + PLAN)
        section = page.locator(f'[data-tk-meeting="{MEETING}"]')
        assert section.get_by_label("Action", exact=True).input_value() == "Réserver la salle"
        for name in ("Exporter en CSV", "Exporter en JSON", "Tout effacer"):
            assert page.get_by_role("button", name=name).is_visible()
        assert section.get_by_role("button", name="Ajouter une action").is_visible()
        assert section.get_by_label("Pour quand").is_visible() and page.get_by_label("Importer").is_visible()
        page.goto(base_url + "fr/" + PROCESS)
        page.get_by_label("Date de la première rencontre").fill("2027-01-07")
        page.get_by_label("Date de la première rencontre").dispatch_event("change")
        assert plain(page.locator("[data-tk-out]").first.inner_text()) == "Date : jeudi 7 janvier 2027"
        assert page.get_by_role("button", name="Télécharger le calendrier (.ics)").is_visible()
        page.goto(base_url + "fr/" + ROOM)
        page.get_by_label("Heure de début").fill("14:00")
        page.get_by_label("Heure de début").dispatch_event("change")
        assert plain(page.locator("[data-tk-clock]").first.inner_text()).startswith("14:00–14:")
        for name in ("Démarrer", "Suivant", "Précédent"):
            assert page.get_by_role("button", name=name).count() == 1
        page.get_by_role("button", name="Suivant").click()
        assert page.locator("[aria-live=polite]").inner_text().startswith("Point 2 sur ") or \
            page.wait_for_function("() => document.querySelector('[aria-live=polite]').textContent.startsWith('Point 2 sur ')")


def test_the_room_and_plan_have_names_roles_and_live_regions(browser, base_url):
    with tool_page(browser, base_url + ROOM) as page:
        tree = page.locator(".tk-room").aria_snapshot()
        for line in ('textbox "Start time"', 'timer', 'button "Start"', 'button "Previous"', 'button "Next"',
                     'textbox "Notes"', 'checkbox "This meeting is done"', 'textbox "What the team produced"'):
            assert line in tree, line
        assert page.locator("[aria-current=step]").count() == 1
        assert page.locator("[aria-live=polite]").count() == 1 and page.get_by_role("timer").get_attribute("aria-live") is None


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_room_and_the_plan_in_use(browser, base_url, width, scheme):
    script = axe_script()
    with tool_page(browser, base_url + ROOM, width=width, scheme=scheme) as page:
        page.get_by_label("Start time").fill("09:00")
        page.get_by_role("button", name="Start").click()
        page.get_by_role("button", name="Next").click()
        page.get_by_label("Notes", exact=True).fill("x")
        assert run_axe(page, script) == []
        page.goto(base_url + PLAN)
        page.locator(f'[data-tk-meeting="{MEETING}"]').get_by_role("button", name="Add an action").click()
        page.get_by_label("Import", exact=True).set_input_files({"name": "x.json", "mimeType": "application/json",
                                                                 "buffer": b"{"})
        page.wait_for_function("() => document.querySelector('[role=alert]').textContent !== ''")
        assert run_axe(page, script) == []
        page.goto(base_url + PROCESS)
        assert run_axe(page, script) == []


def test_without_javascript_the_room_and_plan_still_read(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + ROOM)
    assert page.locator(".tk-room-agenda > li").count() >= 3 and page.locator(".tk-room-live").is_hidden()
    assert page.locator(".tk-checklist--boxes input[type=checkbox]").first.is_visible()
    page.goto(base_url + PLAN)
    assert page.locator(".tk-action-plan table").is_visible() and page.locator(".tk-plan-form").is_hidden()
    context.close()


def test_the_tools_send_nothing_anywhere(browser, base_url):
    with tool_page(browser, base_url + ROOM) as page:
        seen: list[str] = []
        page.on("request", lambda request: seen.append(request.url))
        page.get_by_role("button", name="Start").click()
        page.get_by_label("Notes", exact=True).fill("private")
        page.goto(base_url + PLAN)
        assert seen and all(url.startswith(base_url) or url.startswith("blob:") for url in seen), seen
        assert page.evaluate("document.cookie") == ""


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("offline") / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "content", "overrides"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    result = subprocess.run([sys.executable, "-m", "toolkit_builder.cli", "build", "--offline", "-l", "en"],
                            cwd=project, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return project / "site-offline"


def test_the_room_and_plan_work_from_the_offline_copy(browser, offline_copy):
    room = (offline_copy / ROOM.rstrip("/")).with_suffix(".html").as_uri()  # an offline copy has no folder URLs
    with tool_page(browser, room) as page:
        page.get_by_label("Start time").fill("10:00")
        page.get_by_label("Start time").dispatch_event("change")
        assert plain(page.locator("[data-tk-clock]").first.inner_text()).startswith("10:00 AM–")
        page.get_by_role("button", name="Next").click()
        page.get_by_label("Notes", exact=True).fill("offline note")
        page.goto((offline_copy / PLAN.rstrip("/")).with_suffix(".html").as_uri())
        page.locator(f'[data-tk-meeting="{MEETING}"]').get_by_role("button", name="Add an action").click()
        page.get_by_label("Action", exact=True).fill("Works without a server")
        csv_text = downloaded(page, page.get_by_role("button", name="Export CSV"))
        assert "Works without a server" in csv_text
        page.goto(room)
        assert current(page) == 1 and page.get_by_label("Notes", exact=True).input_value() == "offline note"


def test_the_handouts_open_on_the_projector_with_nothing_else(browser, base_url):
    with tool_page(browser, base_url + "facilitation/planning-co-production-interviews/room/") as page:
        page.get_by_role("link", name="Show the handouts on the projector").click()
        page.wait_for_function("() => document.documentElement.classList.contains('tk-projector')")
        assert page.url.endswith("handouts/?view=projector")
        assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
        size = page.locator("article.md-typeset").evaluate("a => parseFloat(getComputedStyle(a).fontSize)")
        assert size >= 20
        page.get_by_role("link", name="Leave the projector view").click()
        assert page.url.endswith("handouts/") and page.locator(".md-header").is_visible()


def test_a_monthly_cadence_keeps_the_day_or_takes_the_months_last(browser, base_url):
    with tool_page(browser, base_url + PROCESS) as page:
        dates = page.evaluate("""() => [1, 2, 3, 13].map(n => ToolkitTools.isoDate(
            ToolkitSchedule.meetingDate({first: "2027-01-31", every: 1, unit: "month"}, n)))""")
        assert dates == ["2027-01-31", "2027-02-28", "2027-03-31", "2028-01-31"]
        days = page.evaluate("""() => [1, 2].map(n => ToolkitTools.isoDate(
            ToolkitSchedule.meetingDate({first: "2027-03-27", every: 3, unit: "day"}, n)))""")
        assert days == ["2027-03-27", "2027-03-30"]


def test_the_room_prints_the_agenda_with_the_notes(browser, base_url):
    with tool_page(browser, base_url + ROOM) as page:
        page.get_by_label("Notes", exact=True).fill("Ana chairs;\nSam takes notes.")
        page.get_by_role("button", name="Next").click()
        page.emulate_media(media="print")
        assert page.locator(".tk-room-live").is_hidden()
        first = page.locator("[data-tk-agenda-item]").first
        assert first.locator(".tk-room-note").inner_text() == "Ana chairs;\nSam takes notes."
        assert page.locator(".tk-room-note").count() == 1
