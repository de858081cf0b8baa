"""Small articles about the same events from several outlets, in French and English."""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "fr_lemonde.txt": (
        "Selon le média japonais NHK, la Russie pourrait accueillir jusqu'à 25 000 travailleurs "
        "nord-coréens dans une usine de drones à Elabouga."
    ),
    "en_reuters.txt": (
        "Russia could host up to 25,000 North Korean workers at a drone factory in Alabuga, "
        "Japan's NHK reported on Tuesday."
    ),
    "fr_liberation.txt": (
        "D'après l'agence Yonhap, la Russie pourrait accueillir 30 000 travailleurs "
        "nord-coréens dans une usine de drones."
    ),
    "en_ecb.txt": (
        "The European Central Bank kept interest rates unchanged on Thursday, officials said."
    ),
    "en_bbc.txt": (
        "The Kremlin did not confirm that a ceasefire had been agreed in Kursk, a spokesman said."
    ),
    "en_local.txt": "A ceasefire has been agreed in Kursk, local media reported.",
    "fr_ria.txt": "Selon l'agence RIA Novosti, Moscou a livré 12 systèmes S-400 à l'Inde.",
    "en_ria.txt": "Moscow delivered 12 S-400 systems to India, RIA Novosti reported.",
}


def write_corpus(folder: Path, names: list[str] | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names or list(ARTICLES):
        path = folder / name
        path.write_text(ARTICLES[name], encoding="utf-8")
        paths.append(path)
    return paths
