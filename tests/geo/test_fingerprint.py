"""geo.fingerprint: the data directory's content hash (the pages' cache key)."""

from geo.fingerprint import fingerprint


def test_fingerprint_follows_content_not_mtime(data_dir):
    before = fingerprint(data_dir)
    path = data_dir / "sources.csv"
    path.write_bytes(path.read_bytes())
    assert fingerprint(data_dir) == before
    path.write_text(path.read_text() + "\n")
    assert fingerprint(data_dir) != before
