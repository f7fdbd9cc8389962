"""analysis.scale.cluster: the per-document stages on a local two-worker Dask cluster equal the in-process run."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.scale import cluster, stages
from tests import texts

distributed = pytest.importorskip("distributed")
# A local cluster takes seconds to start and stop: these run in make test-all and CI.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    """Two worker processes on 127.0.0.1, no dashboard; closed after the module."""
    local = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    with distributed.Client(local) as dask_client:
        yield dask_client
    local.close()


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory, seed_docs):
    """Three seeds, a Latin-1 file, a byte-identical copy in a later partition, and an empty file."""
    folder = tmp_path_factory.mktemp("mixed")
    for doc_id, raw in list(zip(seed_docs["doc_id"], seed_docs["raw"]))[:3]:
        (folder / f"{doc_id}.txt").write_text(raw, encoding="utf-8", newline="")
    (folder / "a_article.txt").write_text(texts.NEW_ARTICLE, encoding="utf-8")
    (folder / "z_copy.txt").write_text(texts.NEW_ARTICLE, encoding="utf-8")
    (folder / "latin.txt").write_bytes("Caf\xe9 owners in Baku said the r\xe9form would help.\n".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    return folder


def assert_same_tables(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    assert list(left) == list(right)
    for name in left:
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)


def test_files_on_the_cluster_equal_the_in_process_run(client):
    on_cluster = cluster.cluster_tables(config.SEEDS_DIR, client, npartitions=2)
    in_process = stages.corpus_tables(config.SEEDS_DIR, chunk_size=3, progress=False)
    assert_same_tables(on_cluster, in_process)
    assert len(on_cluster["sentences"]) > 200


def test_duplicates_problems_and_fallbacks_across_partitions(client, mixed_folder):
    with pytest.warns(UserWarning, match="left out"):
        in_process = stages.corpus_tables(mixed_folder, chunk_size=2, progress=False, include_rhetoric=False)
    on_cluster = cluster.cluster_tables(mixed_folder, client, partition_size=2, include_rhetoric=False)
    assert_same_tables(on_cluster, in_process)
    inputs = on_cluster["inputs"].set_index("doc_id")
    assert inputs.loc["z_copy", "duplicate_of"] == "a_article"  # found although in another partition
    assert inputs.loc["latin", "encoding"].startswith("latin-1")
    assert "empty" in inputs.loc["empty", "problem"]


def test_documents_shipped_with_the_tasks(client, seed_docs):
    documents = seed_docs[["doc_id", "raw"]]
    on_cluster = cluster.cluster_tables(scheduler=client, documents=documents, npartitions=3, include_rhetoric=False)
    in_process = stages.document_tables(documents, include_rhetoric=False)
    for name in in_process:
        pd.testing.assert_frame_equal(on_cluster[name], in_process[name], obj=name, check_dtype=False)


def test_workers_write_partitions_to_shared_storage(client, tmp_path, mixed_folder):
    written = cluster.write_cluster_tables(mixed_folder, tmp_path, client, partition_size=3, include_rhetoric=False)
    with pytest.warns(UserWarning):
        in_process = stages.corpus_tables(mixed_folder, progress=False, include_rhetoric=False)
    for name in ("sentences", "readability", "segments", "corpus"):
        parts = sorted(written[name].glob("part-*.csv"))
        assert len(parts) == 3
        # The parts, header once, are the in-process CSV byte for byte.
        lines = [part.read_text(encoding="utf-8").splitlines(keepends=True) for part in parts]
        stacked = "".join(lines[0] + [line for rest in lines[1:] for line in rest[1:]])
        assert stacked == in_process[name].to_csv(index=False, lineterminator="\n"), name
    assert (tmp_path / "sentences.columns.json").exists()


def test_streamed_from_the_cluster_equals_the_in_process_csv(client, tmp_path, mixed_folder):
    with pytest.warns(UserWarning, match="left out"):
        local = stages.write_corpus_tables(mixed_folder, tmp_path / "local", chunk_size=2, include_rhetoric=False, progress=False)
    with pytest.warns(UserWarning, match="left out"):
        remote = cluster.stream_cluster_tables(mixed_folder, tmp_path / "remote", client, partition_size=2,
                                               include_rhetoric=False, progress=False, in_flight=2)
    assert sorted(local) == sorted(remote)
    for name in local:
        assert remote[name].read_bytes() == local[name].read_bytes(), name
        sidecar = f"{name}.columns.json"
        assert (tmp_path / "remote" / sidecar).read_bytes() == (tmp_path / "local" / sidecar).read_bytes()


def test_scheduler_must_be_an_address_or_a_client():
    with pytest.raises(ValueError, match="scheduler address"):
        cluster.connect(None)
    with pytest.raises(ValueError, match="needs scheduler"):
        cluster.cluster_tables(config.SEEDS_DIR)
    with pytest.raises(ValueError, match="either folder"):
        cluster.submit_tables(object(), folder=None, documents=None)
