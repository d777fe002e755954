"""What the reader makes of one value cell the engine read: the figure, its confidence (the least sure
digit), whether it is certain, and the readings the arithmetic may choose among — the digits' second
choices and the common confusions (0/O/〇, 1/l/丨, 5/S, 8/B, ，/.). No OCR runs here."""

from __future__ import annotations

from disclosure.readers.ocr import _cell_value
from disclosure.readers.ocr_engine import Glyph, Reading


def read(*glyphs: tuple[str, float, str, float]) -> list[Reading]:
    return [Reading(tuple(Glyph(*g) for g in glyphs))]


def test_a_surely_read_figure_is_certain():
    text, figure = _cell_value(read(("9", 0.99, "8", 0.001), ("5", 0.97, "6", 0.01)), 3)
    assert text == "95" and figure.certain and figure.confidence == 0.97 and figure.readings == ("95",) and figure.page == 3


def test_an_unsure_digit_brings_its_second_choice():
    text, figure = _cell_value(read(("5", 0.99, "6", 0.0), ("8", 0.55, "0", 0.4)), 1)
    assert text == "58" and not figure.certain and figure.confidence == 0.55
    assert figure.readings == ("58", "50")


def test_letters_for_digits_are_confusions_never_certain():
    for printed, digit in (("O", "0"), ("〇", "0"), ("l", "1"), ("丨", "1"), ("S", "5"), ("B", "8")):
        text, figure = _cell_value(read((printed, 0.95, digit, 0.04)), 1)
        assert text == digit and not figure.certain, printed
        assert figure.readings[0] == digit


def test_a_comma_is_a_thousands_separator_or_a_decimal_point_for_the_arithmetic_to_choose():
    text, figure = _cell_value(
        read(("1", 0.99, "7", 0), (",", 0.9, "1", 0), ("2", 0.99, "3", 0), ("3", 0.99, "8", 0), ("4", 0.99, "1", 0)), 2
    )
    assert not figure.certain and set(figure.readings) == {"1234", "1.234"}


def test_a_unit_in_the_cell_stays_with_the_cell():
    text, figure = _cell_value(read(("2", 0.99, "3", 0), ("5", 0.99, "6", 0), ("元", 0.99, "0", 0)), 2)
    assert text == "25元" and figure.text == "25" and figure.suffix == "元" and figure.certain


def test_a_label_is_no_figure():
    text, figure = _cell_value(read(("行", 0.99, "1", 0), ("政", 0.99, "1", 0)), 2)
    assert (text, figure) == ("行政", None)
    assert _cell_value([], 1) == ("", None)


def test_an_unsure_figure_read_again_surely_is_taken_else_it_stays_unsure(monkeypatch):
    from disclosure.readers import ocr, ocr_engine

    first = {("a",): _cell_value(read(("0", 0.6, "8", 0.3)), 1), ("b",): _cell_value(read(("7", 0.5, "1", 0.4)), 1)}
    crops = {("a",): ["crop a"], ("b",): ["crop b"]}
    again = {"crop a": read(("0", 0.98, "8", 0.01))[0], "crop b": read(("1", 0.7, "7", 0.2))[0]}
    asked = []

    def recognise(batch, min_ratio=None):
        asked.append(min_ratio)
        return [again[c] for c in batch]

    monkeypatch.setattr(ocr_engine, "recognise", recognise)
    ocr._read_unsure_again(first, crops, 1)
    assert first[("a",)][1].certain and first[("a",)][1].confidence == 0.98
    assert first[("b",)][0] == "7" and not first[("b",)][1].certain  # an unsure second reading changes nothing
    assert asked == [ocr.settings.OCR_RETRY_CROP_RATIO]
