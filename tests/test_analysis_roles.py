"""The sentence-role classifier and its shipped weights."""

from __future__ import annotations

from refkit.analysis.roles import LABELS, load_model, predict_roles, sentence_features


def test_features_include_position_and_words() -> None:
    features = sentence_features("We propose a new method.", 0, 5)
    assert {"pos:first", "f1:we", "w:propose", "b:we_propose", "bias"} <= set(features)


def test_model_has_a_weight_row_per_label() -> None:
    model = load_model()
    assert model.labels == LABELS
    assert all(len(row) == len(LABELS) for row in model.weights.values())
    assert len(model.transitions) == len(LABELS)


def test_typical_abstract_gets_typical_roles() -> None:
    roles = [
        role
        for role, _p in predict_roles(
            [
                "Deep networks are widely used for image recognition.",
                "In this paper we aim to reduce their training cost.",
                "We prune filters using a sparsity penalty and retrain the network.",
                "Experiments show that our method reduces training time by 40% without loss of accuracy.",
            ]
        )
    ]
    assert roles[0] == "background"
    assert roles[-1] == "finding"
    assert "method" in roles


def test_probabilities_are_probabilities() -> None:
    for _role, probability in predict_roles(["A sentence.", "Another sentence."]):
        assert 0.0 < probability <= 1.0
