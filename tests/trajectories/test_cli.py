import csv
import io
import json
import os
import pathlib
import subprocess
import sys

import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2] / "src"


def run_cli(*args, stdin=None):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SOURCE_DIR), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "alliance_atlas.trajectories", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def clients_csv(tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text(
        "client,s1,s2,s3,s4,s5,s6,s7,s8\n"
        "A,5,5,5,5,5,3,4,5\n"
        "B,3.0,3.5,4.0,4.5,5.0,5.5,,\n"
        "C,4.0,4.4,4.1,4.5,4.2,4.6,4.3,4.7\n",
        encoding="utf-8",
    )
    return path


def test_single_series_prints_one_json_object():
    completed = run_cli("analyze", "5", "5", "5", "5", "5", "3", "4", "5", "5", "5")
    assert completed.returncode == 0, completed.stderr
    document = json.loads(completed.stdout)
    assert document["n_sessions"] == 10
    assert document["episodes"][0]["rupture_session"] == 6
    assert document["summary"].startswith("Across 10 sessions")


def test_scores_may_be_comma_separated_in_one_argument():
    completed = run_cli("analyze", "1,2,3,4,5")
    assert json.loads(completed.stdout)["pattern"] == "linear"


def test_options_reach_the_analysis():
    completed = run_cli("analyze", "--threshold-sd", "1", "--repair-window", "2", "5", "5", "4", "5", "5")
    document = json.loads(completed.stdout)
    assert document["threshold_sd"] == 1.0 and document["repair_window"] == 2


def test_csv_prints_one_json_line_per_client_with_id(clients_csv):
    completed = run_cli("analyze", "--csv", str(clients_csv))
    assert completed.returncode == 0, completed.stderr
    records = [json.loads(line) for line in completed.stdout.splitlines()]
    assert [record["id"] for record in records] == ["A", "B", "C"]
    assert records[1]["n_sessions"] == 6 and records[1]["pattern"] == "linear"


def test_csv_as_json_list(clients_csv):
    completed = run_cli("analyze", "--csv", str(clients_csv), "--format", "json")
    assert [record["id"] for record in json.loads(completed.stdout)] == ["A", "B", "C"]


def test_csv_summary_format(clients_csv):
    completed = run_cli("analyze", "--csv", str(clients_csv), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(completed.stdout)))
    assert [row["id"] for row in rows] == ["A", "B", "C"]
    assert rows[0]["n_episodes"] == "1" and rows[0]["first_rupture_session"] == "6"
    assert rows[1]["pattern"] == "linear" and rows[1]["direction"] == "up"
    assert rows[2]["first_rupture_session"] == ""


def test_csv_from_standard_input(clients_csv):
    completed = run_cli("analyze", "--csv", "-", stdin=clients_csv.read_text())
    assert len(completed.stdout.splitlines()) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "5", "4"], "At least 3 scores"),
        (["analyze", "5", "abc", "3"], "Session 2: 'abc' is not a number"),
        (["analyze", "5", "nan", "3"], "not a finite number"),
        (["analyze", "5,,4,3"], "Session 2 is empty"),
        (["analyze"], "no scores given"),
        (["analyze", "--csv", "does-not-exist.csv"], "cannot read does-not-exist.csv"),
        (["analyze", "--threshold-sd", "zero", "5", "4", "3"], "--threshold-sd"),
        (["analyze", "--repair-window", "0", "5", "4", "3"], "repair_window"),
        (["analyze", "--unknown"], "unrecognized arguments"),
        ([], "choose a command"),
    ],
)
def test_bad_input_exits_2_with_one_line_on_stderr(args, message):
    completed = run_cli(*args)
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert message in completed.stderr
    assert completed.stderr.startswith("error: ")
    assert len(completed.stderr.strip().splitlines()) == 1
    assert "Traceback" not in completed.stderr


def test_bad_csv_row_is_named(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("A,5,4,3\nB,5,x,3\n", encoding="utf-8")
    completed = run_cli("analyze", "--csv", str(path))
    assert completed.returncode == 2
    assert "Row 2 (client 'B'): Session 2: 'x' is not a number" in completed.stderr
    assert "Traceback" not in completed.stderr
