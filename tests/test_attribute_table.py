"""The attribute rules from tables give the stock ruler's annotations, token for token."""

from __future__ import annotations

import pytest

from summarize.text.nlp import _finish, pipeline

SENTENCES = {
    "en": [
        "The minister said on Tuesday that the bridge wasn't safe and would stay closed.",
        "There are gonna be more delays, ain't there? Let's see, y'all.",
        "I told him it was fine, but he did not believe it; they've had enough.",
        "Shares dropped 3% after the company, which is based in Lyon, cut its forecast.",
        "  Whether or not that happens, those who gets it got it.",
    ],
    "fr": [
        "Le ministre a déclaré mardi que le pont n'était pas sûr et resterait fermé.",
        "« Nous ne savons pas », a-t-il dit, selon l'AFP.",
        "Les 25 000 salariés  de l'usine pourraient être accueillis d'ici à 2027.",
    ],
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_same_annotations_as_the_stock_ruler(language: str) -> None:
    nlp = pipeline(language)
    later = ["attribute_ruler", "lemmatizer", "ner"]
    for sentence in SENTENCES[language]:
        stock = nlp(sentence, disable=["ner"])
        ours = _finish(nlp(sentence, disable=later), language)
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in ours] == [
            (t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in stock
        ], sentence
