"""Finding where CSV records start reads the file a chunk at a time (flat memory at any size):
the chunk boundaries must not change a single record start, line number or newline."""

import random

import numpy as np
import pytest

from scorecard.ingest import sources

PIECES = ["a,b\n", '"x\ny",1\n', "\n", "\r\n", '"q""q",2\r\n', "z", '"', ",\n", '"\r\n",3\n']


@pytest.mark.parametrize("seed", range(40))
def test_record_starts_do_not_depend_on_the_chunk_size(tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "file.csv"
    path.write_bytes(("h1,h2\n" + "".join(rng.choices(PIECES, k=rng.randint(0, 40)))).encode())
    whole = sources.csv_record_starts(path, ",", chunk_bytes=1 << 26)
    for chunk in (1, 2, 3, 5, 8, 13):
        part = sources.csv_record_starts(path, ",", chunk_bytes=chunk)
        assert np.array_equal(part.lines, whole.lines), chunk
        assert np.array_equal(part.offsets, whole.offsets), chunk
        assert np.array_equal(part.newline_offsets, whole.newline_offsets), chunk


def test_record_starts_of_a_small_file_by_hand(tmp_path):
    path = tmp_path / "file.csv"
    # header, a record over two lines, a blank line, a CRLF record
    path.write_bytes(b'id,text\n1,"two\nlines"\n\n2,x\r\n')
    starts = sources.csv_record_starts(path, ",", chunk_bytes=3)
    assert starts.lines.tolist() == [2, 5]
    assert starts.offsets.tolist() == [8, 23]
    assert starts.newline_offsets.tolist() == [7, 14, 21, 22, 27]


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 64])
def test_line_endings_are_normalised_across_block_boundaries(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(sources, "CHUNK", chunk)
    path = tmp_path / "mixed.csv"
    path.write_bytes(b'a,b\n1,2\r\n3,"x\ry"\r\n\r\n4,5\r')
    out = sources.normalise_line_endings(path, tmp_path)
    assert out.read_bytes() == b'a,b\n1,2\n3,"x\ry"\n\n4,5\r'
    assert out.read_bytes().count(b"\n") == path.read_bytes().count(b"\n")  # same lines


@pytest.mark.parametrize("text", ["a\nb\n", "a\nb", "", "a\r\nb\r\n", "\n\n", "x" * 5, "é\n" * 3])
def test_the_encoding_check_counts_lines_as_a_fresh_count_does(tmp_path, text):
    path = tmp_path / "lines.csv"
    path.write_bytes(text.encode("utf-8"))
    sources._LINE_COUNTS.clear()
    fresh = sources._physical_lines(path)
    sources.check_utf8(path)
    assert sources._LINE_COUNTS[sources._identity(path)] == fresh
    assert sources._physical_lines(path) == fresh
