"""Pipe tables as pandas' to_markdown lays them out: the layout EfficientPaper's views were written in."""

from papershelf.render.pipe_table import TableRow, padded_table_of


def table(headers, rows):
    return padded_table_of(headers, [TableRow(cells) for cells in rows])


def test_a_column_of_integers_is_right_aligned_and_text_left():
    assert table(["name", "year"], [["a", 2024], ["bbbbbb", 7]]) == (
        "|    | name   |   year |\n"
        "|---:|:-------|-------:|\n"
        "|  0 | a      |   2024 |\n"
        "|  1 | bbbbbb |      7 |"
    )


def test_integers_written_otherwise_are_written_as_numbers_in_a_column_of_them():
    assert table(["name", "n"], [["x", "+5"], ["y", " 012"]]) == (
        "|    | name   |   n |\n|---:|:-------|----:|\n|  0 | x      |   5 |\n|  1 | y      |  12 |"
    )


def test_a_column_with_one_text_cell_is_text():
    assert table(["name", "n"], [["x", "5"], ["y", "z"]]) == (
        "|    | name   | n   |\n|---:|:-------|:----|\n|  0 | x      | 5   |\n|  1 | y      | z   |"
    )


def test_a_table_without_rows_is_its_header():
    assert table(["title", "n"], []) == "|    | title   | n   |\n|:---|:--------|:----|"
