import json
import os

import pandas as pd
import pytest

from synthlab import datasets
from synthlab.errors import DataError

SHIPPED = datasets.names()


def test_at_least_four_real_tables_ship():
    assert len(SHIPPED) >= 4


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_table_matches_its_sidecar(name):
    dataset = datasets.load(name)
    sidecar = datasets.info(name)
    assert dataset.data.shape == (sidecar["rows"], sidecar["columns"])
    assert set(dataset.sdtypes) == set(dataset.data.columns)
    for key in ("description", "source", "package", "package_version", "licence"):
        assert sidecar[key], f"{name}: {key} is empty"
    if dataset.target is not None:
        assert dataset.target in dataset.data.columns
    assert set(dataset.sensitive) <= set(dataset.data.columns)
    assert set(dataset.identifiers) <= set(dataset.data.columns)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_rules_hold_on_the_real_table(name):
    from synthlab.rules import parse_all

    dataset = datasets.load(name)
    for rule in parse_all(dataset.rules):
        assert not rule.violations(dataset.data, dataset.data).any(), rule.text


@pytest.mark.parametrize("name", SHIPPED)
def test_metadata_is_valid_sdv_metadata(name):
    dataset = datasets.load(name)
    dataset.metadata.validate()
    assert dataset.metadata.get_column_names() == list(dataset.data.columns)


def test_situations_the_course_needs_are_covered():
    rare = datasets.load("solar_flare")
    share = rare.data[rare.target].mean()
    assert share < 0.05
    health = datasets.load("actg175")
    assert {"age", "race", "gender"} <= set(health.sensitive)
    assert "pidnum" in health.identifiers
    credit = datasets.load("german_credit")
    assert len(credit.data) < 2000 and "sex" in credit.sensitive


def test_datasets_folder_stays_small():
    folder = datasets.DATASETS_DIR
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert total < 10 * 1024 * 1024


def test_unknown_name_suggests_the_closest():
    with pytest.raises(DataError, match=r"no shipped dataset called 'german'.*'german_credit'"):
        datasets.load("german")


def test_split_is_stratified_and_seeded():
    dataset = datasets.load("solar_flare")
    train, holdout = dataset.split(holdout=0.3, seed=1)
    again, _ = dataset.split(holdout=0.3, seed=1)
    assert train.index.equals(again.index)
    assert len(train) + len(holdout) == len(dataset.data)
    assert not set(train.index) & set(holdout.index)
    rate = dataset.data[dataset.target].mean()
    assert abs(holdout[dataset.target].mean() - rate) < 0.01


def test_split_refuses_a_share_outside_zero_one():
    with pytest.raises(DataError, match="holdout must be a share between 0 and 1; got 1.5"):
        datasets.load("german_credit").split(holdout=1.5)


# --- from_csv on a learner's own files ------------------------------------------


def write(tmp_path, text, name="mine.csv", mode="w"):
    path = tmp_path / name
    if mode == "wb":
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


CUSTOMERS = (
    "customer_id,full_name,email,phone,plan,seats,signup,churned\n"
    + "".join(
        f"C{i:03d},Person {i} Surname{i},p{i}@example.com,+1 555-010-{i:04d},"
        f"{'enterprise' if i % 3 == 0 else 'team'},{50 + i if i % 3 == 0 else i % 20 + 1},"
        f"2024-0{i % 9 + 1}-1{i % 9},{i % 4 == 0}\n"
        for i in range(40)
    )
)


def test_from_csv_infers_types_and_marks_identifiers(tmp_path):
    path = write(tmp_path, CUSTOMERS)
    dataset = datasets.from_csv(path, target="churned", sensitive="plan")
    assert dataset.name == "mine"
    assert dataset.identifiers == {
        "customer_id": "id", "full_name": "name", "email": "email", "phone": "phone_number",
    }
    assert dataset.sdtypes["seats"] == "numerical"
    assert dataset.sdtypes["plan"] == "categorical"
    assert dataset.sdtypes["signup"] == "datetime"
    assert dataset.modelled_columns == ["plan", "seats", "signup", "churned"]
    assert dataset.sensitive == ["plan"]
    dataset.metadata.validate()


def test_from_csv_finds_identifiers_by_their_values(tmp_path):
    rows = "".join(f"{i},contact{i}@mail.org,{i % 3}\n" for i in range(30))
    dataset = datasets.from_csv(write(tmp_path, "a,contact,b\n" + rows))
    assert dataset.identifiers == {"contact": "email"}


def test_from_csv_never_writes_to_its_file(tmp_path):
    path = write(tmp_path, CUSTOMERS)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    datasets.from_csv(path, target="churned")
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_from_csv_reads_semicolons_and_drops_a_row_number_column(tmp_path):
    path = write(tmp_path, ";age;city\n1;34;Lyon\n2;51;Paris\n3;29;Lyon\n")
    dataset = datasets.from_csv(path)
    assert list(dataset.data.columns) == ["age", "city"]
    assert dataset.notes == ["dropped an unnamed first column of row numbers"]


@pytest.mark.parametrize(
    "content, mode, message",
    [
        ("", "w", "the file is empty"),
        ("a,b,c\n", "w", "has a header row but no data rows"),
        (b"PK\x03\x04 excel", "wb", "not a text file but a zip archive"),
        (b"\x00\x01\x02\x03binary", "wb", "not a text file"),
        ("a,b,c\n1,2,3\n4,5\n", "w", "row 3 has 2 fields but the header has 3"),
        ("a,b,a\n1,2,3\n", "w", "the column name 'a' appears twice"),
        ("a,,c\n1,2,3\n", "w", "column 2 has no name"),
        ("age,b\n" + "".join(f"{i},x\n" for i in range(20)) + "unknown,x\n", "w",
         r"column 'age' is mostly numbers but has 1 non-numeric values such as 'unknown'"),
    ],
)
def test_from_csv_refuses_files_it_cannot_trust(tmp_path, content, mode, message):
    path = write(tmp_path, content, mode=mode)
    with pytest.raises(DataError, match=message):
        datasets.from_csv(path)


def test_from_csv_refuses_a_missing_file(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        datasets.from_csv(tmp_path / "nope.csv")


def test_from_csv_refuses_a_folder(tmp_path):
    with pytest.raises(DataError, match="this is a folder, not a file"):
        datasets.from_csv(tmp_path)


def test_from_csv_names_a_missing_target_and_the_columns_there_are(tmp_path):
    path = write(tmp_path, CUSTOMERS)
    with pytest.raises(DataError, match=r"the target column 'Churned' is not in the file\. "
                                        r"Its columns are: customer_id, .*churned"):
        datasets.from_csv(path, target="Churned")
    with pytest.raises(DataError, match="the sensitive column 'gender' is not in the file"):
        datasets.from_csv(path, sensitive=["plan", "gender"])


def test_from_csv_refuses_a_target_with_one_value(tmp_path):
    path = write(tmp_path, "x,y\n1,a\n2,a\n3,a\n")
    with pytest.raises(DataError, match="the target column 'y' has a single value"):
        datasets.from_csv(path, target="y")


def test_from_csv_refuses_a_table_of_identifiers_only(tmp_path):
    rows = "".join(f"p{i}@x.org,+44 20 7946 {i:04d}\n" for i in range(25))
    with pytest.raises(DataError, match="every column looks like a personal identifier"):
        datasets.from_csv(write(tmp_path, "email,phone\n" + rows))


def test_from_csv_accepts_windows_encoded_text(tmp_path):
    path = write(tmp_path, "city,n\nZürich,1\nGenève,2\n".encode("cp1252"), mode="wb")
    dataset = datasets.from_csv(path)
    assert dataset.data["city"].tolist() == ["Zürich", "Genève"]


def test_from_csv_lets_a_learner_declare_a_column_categorical(tmp_path):
    text = "age,b\n" + "".join(f"{i},x\n" for i in range(20)) + "unknown,x\n"
    dataset = datasets.from_csv(write(tmp_path, text), categorical=["age"])
    assert dataset.sdtypes["age"] == "categorical"


def test_sidecars_are_plain_json_with_provenance():
    for name in SHIPPED:
        sidecar = json.loads((datasets.DATASETS_DIR / f"{name}.json").read_text())
        assert sidecar["name"] == name
        assert isinstance(pd.read_csv(datasets.DATASETS_DIR / f"{name}.csv", nrows=1), pd.DataFrame)


def test_from_csv_reads_amounts_written_for_people(tmp_path):
    text = 'plan,mrr\nteam,"$1,200.50"\npro,$300\nteam,"12,500"\npro,45\n'
    dataset = datasets.from_csv(write(tmp_path, text))
    assert dataset.data["mrr"].tolist() == [1200.5, 300.0, 12500.0, 45.0]
    assert dataset.sdtypes["mrr"] == "numerical"
    assert "read column 'mrr' as numbers" in dataset.notes[0]


def test_from_csv_copes_with_a_byte_order_mark_quotes_and_blank_lines(tmp_path):
    text = '\ufeff"name of plan", seats ,"note"\n"team, small",3,"ok"\n\n"pro",12,""\n\n'
    dataset = datasets.from_csv(write(tmp_path, text))
    assert list(dataset.data.columns) == ["name of plan", "seats", "note"]
    assert dataset.data["seats"].tolist() == [3, 12]
    assert "name of plan" not in dataset.identifiers


def test_from_csv_refuses_a_space_separated_file_clearly(tmp_path):
    text = " ID Status Start\n0 M 1\n1 M 2\n"
    with pytest.raises(DataError, match="the columns seem to be separated by spaces"):
        datasets.from_csv(write(tmp_path, text, name="t.tsv"))


def test_from_csv_drops_unnamed_row_labels_that_skip_numbers(tmp_path):
    dataset = datasets.from_csv(write(tmp_path, ",a,b\n3,x,1\n9,y,2\n10,x,3\n"))
    assert list(dataset.data.columns) == ["a", "b"]


def test_from_csv_prices_are_numbers_not_phone_numbers(tmp_path):
    rows = "".join(f"2020-01-{i + 1:02d},{25 + i / 7:.6f}\n" for i in range(25))
    dataset = datasets.from_csv(write(tmp_path, "Date,Close\n" + rows))
    assert dataset.identifiers == {}
    assert dataset.sdtypes == {"Date": "datetime", "Close": "numerical"}


def test_from_csv_reads_iso_timestamps_with_time_zones(tmp_path):
    rows = "".join(f"2022-03-20T{i:02d}:00:00+01:00,{i}.5\n" for i in range(24))
    dataset = datasets.from_csv(write(tmp_path, "Time,flow\n" + rows))
    assert dataset.sdtypes["Time"] == "datetime"
    assert str(dataset.data["Time"].iloc[0]) == "2022-03-19 23:00:00"


def test_from_csv_tells_a_person_name_from_a_thing_name(tmp_path):
    rows = "".join(f"Ann Lee{i},Europe,{i}\n" for i in range(25))
    dataset = datasets.from_csv(write(tmp_path, "customer_name,region_name,n\n" + rows))
    assert dataset.identifiers == {"customer_name": "name"}
