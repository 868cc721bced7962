"""Load generation with ``hey`` (Debian package ``hey``) and exact percentiles from its CSV.

hey's ``-o csv`` lists every answered request (latency, status, start offset), so percentiles
are computed here from all samples and rounds of alternating targets can be merged exactly.
Requests that failed below HTTP (refused, reset, timed out) are absent from the CSV: with a
request count (``-n``) they are the difference to the rows; with a duration (``-z``) hey cannot
tell them, so a duration run's ``transport_errors_known`` is False.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

HEY_TIMEOUT_S = 60
"""hey's per-request timeout: longer than the gateway's own request deadline, so a slow answer
is measured, not dropped."""


class LoadError(RuntimeError):
    """hey is missing, failed, or printed something that is not its CSV."""


@dataclass(frozen=True)
class HttpRequest:
    """One request a load run repeats."""

    url: str
    method: str = "POST"
    body: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Sample:
    """One answered request from hey's CSV: latency (seconds), HTTP status, start offset (seconds)."""

    latency_s: float
    status: int
    offset_s: float


@dataclass
class LoadResult:
    """The samples of one or more load runs at one concurrency."""

    concurrency: int
    samples: list[Sample]
    duration_s: float
    transport_errors: int = 0
    transport_errors_known: bool = True

    @property
    def requests(self) -> int:
        return len(self.samples)

    @property
    def http_errors(self) -> int:
        return sum(1 for sample in self.samples if not 200 <= sample.status < 300)

    @property
    def errors(self) -> int:
        return self.http_errors + self.transport_errors

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.duration_s if self.duration_s > 0 else 0.0

    def percentile_ms(self, q: float) -> float:
        return percentile([sample.latency_s * 1000 for sample in self.samples], q)

    def merged(self, other: LoadResult) -> LoadResult:
        """This run and ``other`` as one (rounds of the same case): samples and durations add up."""
        return LoadResult(
            concurrency=self.concurrency,
            samples=self.samples + other.samples,
            duration_s=self.duration_s + other.duration_s,
            transport_errors=self.transport_errors + other.transport_errors,
            transport_errors_known=self.transport_errors_known and other.transport_errors_known,
        )


def percentile(values: Iterable[float], q: float) -> float:
    """The nearest-rank percentile (``q`` in 0..100) of ``values``: a value that was measured,
    never an interpolation; NaN for no values."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be between 0 and 100, got {q}")
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


CSV_HEADER = "response-time,DNS+dialup,DNS,Request-write,Response-delay,Response-read,status-code,offset"


def parse_hey_csv(text: str) -> list[Sample]:
    """hey's ``-o csv`` output as samples (response-time, status-code and offset columns)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or lines[0].strip() != CSV_HEADER:
        raise LoadError(f"hey did not print its CSV header; got: {text[:300]!r}")
    samples = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split(",")
        if len(cells) != 8:
            raise LoadError(f"hey CSV line {number} has {len(cells)} columns, expected 8: {line!r}")
        try:
            samples.append(Sample(latency_s=float(cells[0]), status=int(cells[6]), offset_s=float(cells[7])))
        except ValueError as exc:
            raise LoadError(f"hey CSV line {number} is not numbers: {line!r}") from exc
    return samples


def span_s(samples: list[Sample]) -> float:
    """From the first request's start to the last answer's end (what req/s is divided by)."""
    if not samples:
        return 0.0
    return max(sample.offset_s + sample.latency_s for sample in samples) - min(s.offset_s for s in samples)


def hey_command(
    request: HttpRequest,
    body_file: str | None,
    *,
    concurrency: int,
    duration_s: float | None,
    count: int | None,
) -> list[str]:
    hey = shutil.which("hey")
    if hey is None:
        raise LoadError("hey is not installed (Debian: apt-get install hey)")
    command = [hey, "-c", str(concurrency), "-t", str(HEY_TIMEOUT_S), "-o", "csv", "-m", request.method]
    if duration_s is not None:
        command += ["-z", f"{duration_s:g}s"]
    else:
        command += ["-n", str(count)]
    for name, value in request.headers.items():
        if name.lower() == "content-type":
            command += ["-T", value]
        else:
            command += ["-H", f"{name}: {value}"]
    if body_file is not None:
        command += ["-D", body_file]
    return [*command, request.url]


def run_hey(
    request: HttpRequest,
    *,
    concurrency: int,
    duration_s: float | None = None,
    count: int | None = None,
) -> LoadResult:
    """Repeat ``request`` from ``concurrency`` clients for ``duration_s`` seconds or ``count`` requests
    (hey rounds ``count`` down to a multiple of ``concurrency``)."""
    if (duration_s is None) == (count is None):
        raise ValueError("give a duration or a count")
    if count is not None:
        count = max(concurrency, count - count % concurrency)
    body_file = None
    try:
        if request.body is not None:
            with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as handle:
                handle.write(request.body)
                body_file = handle.name
        command = hey_command(request, body_file, concurrency=concurrency, duration_s=duration_s, count=count)
        limit = (duration_s or 0) + HEY_TIMEOUT_S * 2 + (count or 0) * HEY_TIMEOUT_S / concurrency
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit, check=False)
    finally:
        if body_file is not None:
            os.unlink(body_file)
    if done.returncode != 0:
        raise LoadError(f"hey exited {done.returncode}: {done.stderr.strip()[:500]}")
    samples = parse_hey_csv(done.stdout)
    return LoadResult(
        concurrency=concurrency,
        samples=samples,
        duration_s=span_s(samples),
        transport_errors=(count - len(samples)) if count is not None else 0,
        transport_errors_known=count is not None,
    )
