"""Reading and extracting the report files, each independently of every other: in
this process, in a local pool of processes, or on a Dask cluster, with the results
handed back in the files' order (the build numbers observations in that order, so
any number of workers writes the same warehouse as one).

Workers receive a file's path and its manifest row and read the file themselves, so
on a Dask cluster every worker must see the raw folder at the same path (shared
storage). What comes back is the Document without its flow (the parent never uses
it, and it is several times the size of the text) and the document's Extraction.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from etl import budget, final_accounts, ocr, project_targets, self_evaluation
from etl.documents import Document, DocumentError, read_document
from etl.extract import Extraction
from etl.performance_indicators import unread_indicators


def _ocr_marked(extract: Callable[[Document], Extraction]) -> Callable[[Document], Extraction]:
    """A kind's extractor whose figures found on a line that text recognition read (a
    scanned page's, Document.ocr_lines) say so in their note (etl.ocr.mark): the build
    and etl.add both extract through EXTRACTORS, so the mark is made here, once."""

    @functools.wraps(extract)
    def extract_marked(document: Document) -> Extraction:
        extraction = extract(document)
        extraction.observations = ocr.mark(extraction.observations, document.ocr_lines)
        return extraction

    return extract_marked


EXTRACTORS = {kind: _ocr_marked(extract) for kind, extract in {
    "self_evaluation": self_evaluation.extract,
    "final_accounts": final_accounts.extract,
    "project_targets": project_targets.extract,
    "budget": budget.extract,
}.items()}
SUFFIXES = (".txt", ".md")
ENGINES = ("local", "dask")

# Below this many files one process is faster than a pool: starting one (a fork
# server that imports the extractors, then its workers) takes about 0.6 s, and a
# synthetic report takes about 20 ms to read and extract (see bench/workers_bench.py).
POOL_MIN_FILES = 60



@dataclass
class Read:
    """One report file, read and extracted; or why it is a bad file."""

    path: Path
    document: Document | None = None
    extraction: Extraction | None = None
    # Whether a self-evaluation has a 绩效指标 table or list (asked here, where the
    # document's flow still is); the build says so when none of its rows was read.
    has_indicator_table: bool = False
    # A DocumentError's arguments: the exception itself does not survive pickling
    # (its __init__ takes four arguments, its args hold one message).
    error: tuple | None = None

    def document_error(self) -> DocumentError:
        return DocumentError(*self.error)


def read_and_extract(path: Path, manifest_row: dict[str, str] | None) -> Read:
    """Validate one file and run its kind's extractor; a bad file is a Read with its error."""
    try:
        if path.suffix.lower() not in SUFFIXES:
            raise DocumentError(path, f"不支持的文件类型 {path.suffix}（data/raw 只接受 .txt/.md）",
                                f"unsupported file type {path.suffix} (data/raw takes .txt/.md)")
        document = read_document(path, manifest_row)
    except DocumentError as error:
        return Read(path, error=(error.path, error.problem_zh, error.problem_en, error.line))
    extraction = EXTRACTORS[document.kind](document)
    has_table = document.kind == "self_evaluation" and unread_indicators(document, [])
    return Read(path, replace(document, _flow=None), extraction, has_table)


def read_and_extract_each(files: Sequence[Path], rows: Sequence[dict[str, str] | None]) -> list[Read]:
    """read_and_extract for a few files: one task for a worker."""
    return [read_and_extract(path, row) for path, row in zip(files, rows, strict=True)]


def chunk_size(files: int, workers: int) -> int:
    """Files per task: a few tasks per worker, so that no worker is left idle while
    another still has a long list, but not one task per file (each costs a round
    trip, about 3 ms on Dask)."""
    return max(1, min(8, files // (workers * 8)))


def read_and_extract_all(files: Sequence[Path], manifest: dict[str, dict[str, str]], workers: int = 1,
                         engine: str = "local", scheduler: str | None = None) -> Iterator[Read]:
    """read_and_extract for every file, yielded in the files' order as results arrive.

    engine "local": in this process when workers is 1 or there are fewer than
    POOL_MIN_FILES files, else in a pool of `workers` processes. engine "dask": on the
    Dask scheduler at `scheduler`, or on a LocalCluster of `workers` processes.
    """
    rows = [manifest.get(path.name) for path in files]
    if engine == "dask":
        yield from _on_dask(files, rows, workers, scheduler)
    elif engine != "local":
        raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    elif workers <= 1 or len(files) < POOL_MIN_FILES:
        yield from map(read_and_extract, files, rows)
    else:
        yield from _in_pool(files, rows, workers)


def _in_pool(files: Sequence[Path], rows: list, workers: int) -> Iterator[Read]:
    """A pool of processes started by a fork server: forking the caller itself is not
    safe when it runs threads (Streamlit, Polars' and DuckDB's thread pools), and a
    fork server that has imported this module starts each worker in milliseconds."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    workers = min(workers, len(files))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        yield from pool.map(read_and_extract, files, rows, chunksize=chunk_size(len(files), workers))
    finally:  # a build stopped by a bad file does not wait for the files after it
        pool.shutdown(wait=True, cancel_futures=True)


def _on_dask(files: Sequence[Path], rows: list, workers: int, scheduler: str | None) -> Iterator[Read]:
    """A Dask task per few files, on the cluster at `scheduler` or on a LocalCluster
    of `workers` single-threaded processes started (and closed) here."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        size = chunk_size(len(files), max(sum(client.nthreads().values()), 1))
        tasks = deque(client.submit(read_and_extract_each, files[start:start + size], rows[start:start + size], pure=False)
                      for start in range(0, len(files), size))
        while tasks:  # a task's future dropped once fetched: the worker then frees its result
            yield from tasks.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def default_workers() -> int:
    """The machine's cores."""
    return os.cpu_count() or 1
