"""analysis.provenance.named_actors: places, names, surnames and pronouns beyond the gazetteer."""

from __future__ import annotations

import pandas as pd

from analysis.provenance import named_actors


def _found(*sentences: str) -> list[tuple[str, str, str]]:
    text, starts = "", []
    for sentence in sentences:
        starts.append(len(text))
        text += sentence + " "
    spans = pd.DataFrame({"doc_id": "d", "start": starts, "end": [s + len(t) for s, t in zip(starts, sentences)]})
    found = named_actors.find_actor_mentions(spans, {"d": text})
    assert all(text[row.start:row.end] == row.alias for row in found.itertuples())
    return [(row.alias, row.actor, row.source) for row in found.itertuples()]


def test_countries_capitals_and_cities_from_geonames():
    found = _found("Officials in Canberra and Lagos met envoys from Peru in Nice.")
    assert ("Canberra", "Australia", "place") in found  # a capital stands for its country
    assert ("Lagos", "Lagos", "place") in found  # a large city is itself
    assert ("Peru", "Peru", "place") in found
    assert not any(alias == "Nice" for alias, _, _ in found)  # also a common word


def test_people_by_title_or_first_name_then_by_surname_and_pronoun():
    found = _found("Chancellor Olaf Scholz met Mette Frederiksen.", "Scholz said he was pleased.", "She disagreed.")
    assert ("Olaf Scholz", "Olaf Scholz", "name") in found and ("Mette Frederiksen", "Mette Frederiksen", "name") in found
    assert ("Scholz", "Olaf Scholz", "surname") in found
    assert ("he", "Olaf Scholz", "pronoun") in found
    assert ("She", "Mette Frederiksen", "pronoun") in found  # the pronoun's gender skips Scholz


def test_organisations_and_what_is_not_a_name():
    found = _found("The Ministry of Health and the Labour Party criticised UNICEF.", "Foreign Policy reported it on Monday.")
    actors = {actor for _, actor, _ in found}
    assert {"Ministry of Health", "Labour Party", "UNICEF"} <= actors
    assert not actors & {"Foreign Policy", "Monday", "The Ministry of Health"}


def test_a_pronoun_with_no_person_before_it_is_no_mention():
    assert _found("He said the plan would fail.") == []
    # Too far back: more than PRONOUN_SENTENCES sentences since the person.
    far = _found("Olaf Scholz spoke.", "Rain fell.", "Wind blew.", "Snow came.", "He left.")
    assert [alias for alias, _, source in far if source == "pronoun"] == []


def test_the_gazetteer_wins_and_keeps_its_aliases():
    found = _found("Baku and President Ilham Aliyev welcomed it.")
    assert ("Baku", "Azerbaijan", "gazetteer") in found and ("Ilham Aliyev", "Ilham Aliyev", "gazetteer") in found


def test_place_lookup_equals_the_place_pattern():
    import random

    pattern, places = named_actors._place_index()
    names = sorted(places)[:: max(1, len(places) // 300)] + ["Paris", "New York", "Baku", "Moscow"]
    joiners = [" ", "-", ".", ", ", "'s ", "’", "", "x", "\n", " and "]
    rng = random.Random(19)
    texts = ["In Paris-based firms, New Yorkers and New York itself.", "St. Petersburg", "Moscow.Baku", ""]
    for _ in range(400):
        texts.append("".join(rng.choice(names) + rng.choice(joiners) for _ in range(rng.randint(1, 6))))
    for text in texts:
        expected = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
        assert named_actors._place_matches(text) == expected, text
