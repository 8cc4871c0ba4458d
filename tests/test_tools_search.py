"""What search finds of the tools' pages: the action plan as one entry per meeting, its label
apart from its value; the schedule as a heading and its sentence; no field, button or room."""

from __future__ import annotations

import json
import re


def entries(site, language: str = "") -> list[dict]:
    return json.loads((site / language / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def test_the_action_plan_is_found_meeting_by_meeting(bundled_site):
    for language, label in (("", "Milestone: "), ("fr", "Jalon\u00a0: ")):
        found = [e for e in entries(bundled_site, language) if e["location"].startswith("process/action-plan/#plan-")]
        numbers = [int(re.match(r"(\d+)\. ", e["title"]).group(1)) for e in found]
        assert numbers == list(range(1, len(found) + 1)) and len(found) >= 6
        for entry in found:
            texts = re.findall(r"<p>(.*?)</p>", entry["text"])
            assert len(texts) == 2 and texts[1].startswith(label), entry  # "Part n: ...", then the milestone


def test_no_field_button_or_room_reaches_the_index(bundled_site):
    for language in ("", "fr"):
        index = json.dumps(entries(bundled_site, language), ensure_ascii=False)
        for noise in ("Add an action", "Export CSV", "Ajouter une action", "Exporter en CSV", "First meeting date",
                      "Date de la première rencontre", "{number}", "MeetingMilestone"):
            assert noise not in index, noise
        assert not [e for e in entries(bundled_site, language) if "/room/" in e["location"]]
        assert [e for e in entries(bundled_site, language) if e["location"] == "process/#schedule"]
