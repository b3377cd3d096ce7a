import os

from grader.batch.naming import MAX_REPORT_NAME_BYTES, printable, report_filename


def test_a_student_id_is_the_name_itself_when_it_is_printable_text():
    assert printable("Zoë Müller") == "Zoë Müller"


def test_undecodable_bytes_and_control_characters_become_escapes():
    assert printable(os.fsdecode(b"Jos\xe9")) == "Jos\\xe9"
    assert printable("a\nb\x1b[31m") == "a\\nb\\x1b[31m"


def test_a_report_is_named_after_its_student_when_the_name_fits():
    assert report_filename("alice") == "alice.html"


def test_a_long_id_gets_a_short_unique_report_name():
    long, longer = "x" * 300, "x" * 301
    assert len(report_filename(long).encode()) <= MAX_REPORT_NAME_BYTES
    assert report_filename(long) != report_filename(longer)
    assert report_filename("é" * 150).startswith("é" * 60)  # cut between characters, not inside one


def test_a_name_that_spells_an_escape_stays_apart_from_the_one_that_needed_it():
    assert printable(os.fsdecode(b"Jos\xe9")) != printable("Jos\\xe9")
    assert printable("a\\b") == "a\\\\b"
