"""hey's CSV into samples, exact percentiles and request rates (no load is generated here)."""

from __future__ import annotations

import itertools
import math

import pytest

from bench.load import (
    CSV_HEADER,
    HttpRequest,
    LoadError,
    LoadResult,
    hey_command,
    parse_hey_csv,
    percentile,
    span_s,
)

CSV = f"""{CSV_HEADER}
0.0040,0.0013,0.0000,0.0000,0.0024,0.0002,200,0.0001
0.0100,0.0003,0.0000,0.0001,0.0028,0.0003,200,0.0008
0.0020,0.0003,0.0000,0.0000,0.0010,0.0001,503,0.0041
0.0300,0.0002,0.0000,0.0000,0.0065,0.0001,200,0.0300
"""


def test_hey_csv_gives_latency_status_and_offset_per_request() -> None:
    samples = parse_hey_csv(CSV)
    assert [s.latency_s for s in samples] == [0.004, 0.01, 0.002, 0.03]
    assert [s.status for s in samples] == [200, 200, 503, 200]
    assert samples[3].offset_s == 0.03


def test_a_run_counts_non_2xx_answers_and_missing_rows_as_errors() -> None:
    result = LoadResult(
        concurrency=2, samples=parse_hey_csv(CSV), duration_s=span_s(parse_hey_csv(CSV)), transport_errors=1
    )
    assert result.requests == 4
    assert result.http_errors == 1
    assert result.errors == 2
    # from the first start (0.0001 s) to the last end (0.03 + 0.03 s)
    assert result.duration_s == pytest.approx(0.0599)
    assert result.requests_per_second == pytest.approx(4 / 0.0599)


def test_percentiles_are_measured_values_by_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]  # 1..100 ms
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile(values, 99) == 99
    assert percentile(values, 100) == 100
    assert percentile([7.0, 1.0, 3.0], 50) == 3.0
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError):
        percentile(values, 101)


def test_rounds_merge_into_one_sample_set() -> None:
    samples = parse_hey_csv(CSV)
    first = LoadResult(concurrency=2, samples=samples[:2], duration_s=1.0)
    second = LoadResult(concurrency=2, samples=samples[2:], duration_s=3.0, transport_errors_known=False)
    merged = first.merged(second)
    assert merged.requests == 4
    assert merged.requests_per_second == 1.0
    assert merged.percentile_ms(50) == pytest.approx(4.0)
    assert not merged.transport_errors_known


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Summary:\n  Total: 1.0 secs\n",
        f"{CSV_HEADER}\n0.1,0.1,200\n",
        f"{CSV_HEADER}\n0.1,a,b,c,d,e,OK,0\n",
    ],
)
def test_output_that_is_not_heys_csv_is_an_error(text: str) -> None:
    with pytest.raises(LoadError):
        parse_hey_csv(text)


def test_the_command_posts_the_body_file_with_its_headers() -> None:
    request = HttpRequest(
        url="http://127.0.0.1:1/graphql",
        body=b"{}",
        headers={"Content-Type": "application/json", "Authorization": "Bearer x"},
    )
    command = hey_command(request, "/tmp/body.json", concurrency=4, duration_s=2.0, count=None)
    assert command[-1] == "http://127.0.0.1:1/graphql"
    pairs = list(itertools.pairwise(command))
    assert ("-c", "4") in pairs
    assert ("-z", "2s") in pairs
    assert ("-o", "csv") in pairs
    assert ("-m", "POST") in pairs
    assert ("-T", "application/json") in pairs
    assert ("-H", "Authorization: Bearer x") in pairs
    assert ("-D", "/tmp/body.json") in pairs
