"""The library API a script imports, as the README shows it."""
from __future__ import annotations

import inspect

import iomfacts


def test_every_public_name_is_importable_and_of_its_kind() -> None:
    for name in iomfacts.__all__:
        value = getattr(iomfacts, name)
        if name == "__version__":
            assert isinstance(value, str)
        else:
            assert inspect.isfunction(value) or inspect.isclass(value), name


def test_the_readme_example_runs() -> None:
    from iomfacts import ask, bibliography, load_store, search
    from iomfacts.timeline import timeline

    store = load_store()
    answers = ask(store, "Who is IOM's Director General?")
    assert answers and answers[0].fact.answer == "Amy Pope"
    assert answers[0].fact.citations[0].quote
    assert timeline(store)[0].date.edtf == "1951-11-26/1951-12-05"
    assert "Belgium and IOM" in bibliography(store, ["iom-founded-1951"])
    assert any(a.fact.id.startswith("magnet") for a in search(store, "magnet"))
