"""`python -m dashboard` warms the process up before serving: every step of the
warm-up must work, or the first visitor silently waits again."""

from dashboard.__main__ import warm_up


def test_warm_up_runs_every_step(warehouse, monkeypatch, capsys):
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))
    seconds = warm_up()
    assert "warm-up skipped" not in capsys.readouterr().err
    assert 0 < seconds < 60
