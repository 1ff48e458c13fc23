"""Name pools for people and companies, by country, and vectorised name building."""

from __future__ import annotations

import unicodedata

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def _list(names: str) -> tuple[str, ...]:
    """'Anna, Erik, de Jong' -> ('Anna', 'Erik', 'de Jong')."""
    return tuple(names.split(", "))


# name group -> (first names, last names, family name first without a space)
NAME_GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    "se": (
        _list("Anna, Erik, Maja, Lars, Elin, Johan, Sara, Oskar, Karin, Nils, Ida, Björn"),
        _list(
            "Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Lindqvist, Åberg, Sjöberg"
        ),
        False,
    ),
    "no": (
        _list("Ole, Ingrid, Kari, Lars, Sigrid, Håkon, Nora, Magnus, Silje, Eirik"),
        _list(
            "Hansen, Johansen, Olsen, Larsen, Andersen, Pedersen, Nilsen, Haugen, Bakken, Sæther"
        ),
        False,
    ),
    "fi": (
        _list("Mikko, Aino, Juha, Laura, Antti, Emilia, Jukka, Sanna, Ville, Noora"),
        _list("Korhonen, Virtanen, Mäkinen, Nieminen, Mäkelä, Hämäläinen, Laine, Järvinen"),
        False,
    ),
    "dk": (
        _list("Mette, Søren, Freja, Mads, Line, Rasmus"),
        _list("Jensen, Nielsen, Hansen, Kristensen, Møller, Poulsen"),
        False,
    ),
    "de": (
        _list("Lukas, Anna, Jonas, Lea, Felix, Hannah, Paul, Marie"),
        _list("Müller, Schmidt, Schneider, Fischer, Weber, Becker, Wagner"),
        False,
    ),
    "en": (
        _list(
            "James, Olivia, Michael, Emma, David, Sophia, Daniel, Chloe, Ryan, Grace, Aisha, Priya"
        ),
        _list(
            "Smith, Johnson, Brown, Taylor, Wilson, Davies, Miller, Clark, Walker, Patel, Nguyen"
        ),
        False,
    ),
    "fr": (
        _list("Camille, Louis, Chloé, Hugo, Léa, Jules"),
        _list("Martin, Bernard, Dubois, Thomas, Robert, Petit"),
        False,
    ),
    "es": (
        _list("Mateo, Lucía, Sofía, Diego, Valentina, João, Camila"),
        _list("García, Rodríguez, Martínez, Silva, López, Santos, Hernández"),
        False,
    ),
    "nl": (
        _list("Daan, Sanne, Bram, Femke, Lotte, Ruben"),
        _list("de Jong, Jansen, de Vries, Bakker, Visser, Smit"),
        False,
    ),
    "pl": (
        _list("Jakub, Zofia, Kacper, Julia, Piotr"),
        _list("Nowak, Kowalski, Wiśniewski, Wójcik, Kamińska"),
        False,
    ),
    "ko": (
        _list("민준, 서연, 지훈, 하은, 도윤, 지우, 현우, 수빈, 예준, 채원"),
        _list("김, 이, 박, 최, 정, 강, 조, 윤"),
        True,
    ),
    "ko_latin": (
        _list("Min-jun, Seo-yeon, Ji-hoon, Ha-eun, Do-yun, Ji-woo"),
        _list("Kim, Lee, Park, Choi, Jung, Kang"),
        False,
    ),
    "ja": (
        _list("Haruto, Yui, Sota, Aoi, Ren, Hina"),
        _list("Sato, Suzuki, Takahashi, Tanaka, Watanabe, Ito"),
        False,
    ),
}

COUNTRY_NAME_GROUP = {
    "SE": "se",
    "NO": "no",
    "FI": "fi",
    "DK": "dk",
    "DE": "de",
    "GB": "en",
    "NL": "nl",
    "FR": "fr",
    "ES": "es",
    "PL": "pl",
    "US": "en",
    "CA": "en",
    "BR": "es",
    "MX": "es",
    "KR": "ko",
    "JP": "ja",
    "SG": "en",
    "AU": "en",
}

COMPANY_FIRST = _list(
    "Nordvik, Baltic, Aurora, Fjell, Kestrel, Granite, Bluebird, Northwind, Silverline, Cedar, "
    "Harbor, Summit, Lumen, Polaris, Vinter, Solberg, Riverside, Evergreen, Hanbit, Sakura"
)
COMPANY_SECOND = _list(
    "Logistics, Foods, Health, Systems, Retail, Media, Studio, Energy, "
    "Bygg, Consulting, Labs, Outdoor, Finance, Travel, Analytics, Design"
)
COMPANY_SUFFIX = {
    "SE": "AB",
    "NO": "AS",
    "FI": "Oy",
    "DK": "ApS",
    "DE": "GmbH",
    "GB": "Ltd",
    "NL": "B.V.",
    "FR": "SAS",
    "ES": "S.L.",
    "PL": "Sp. z o.o.",
    "US": "Inc.",
    "CA": "Inc.",
    "BR": "Ltda.",
    "MX": "S.A. de C.V.",
    "KR": "Co., Ltd.",
    "JP": "K.K.",
    "SG": "Pte. Ltd.",
    "AU": "Pty Ltd",
}


def person_names(rng: np.random.Generator, groups: list[str]) -> pa.Array:
    """One random person name per row, from each row's name group."""
    keys = sorted(set(groups))
    group_index = np.array([keys.index(g) for g in groups], dtype=np.int64)
    out = np.empty(len(groups), dtype=object)
    for k, key in enumerate(keys):
        rows = np.flatnonzero(group_index == k)
        firsts, lasts, family_first = NAME_GROUPS[key]
        first = np.array(firsts, dtype=object)[rng.integers(len(firsts), size=rows.size)]
        last = np.array(lasts, dtype=object)[rng.integers(len(lasts), size=rows.size)]
        out[rows] = last + first if family_first else first + " " + last
    return pa.array(out, type=pa.string())


def company_names(rng: np.random.Generator, countries: list[str]) -> pa.Array:
    """One random company name per row ("Nordvik Logistics AB")."""
    n = len(countries)
    first = np.array(COMPANY_FIRST, dtype=object)[rng.integers(len(COMPANY_FIRST), size=n)]
    second = np.array(COMPANY_SECOND, dtype=object)[rng.integers(len(COMPANY_SECOND), size=n)]
    suffix = np.array([COMPANY_SUFFIX[c] for c in countries], dtype=object)
    return pc.binary_join_element_wise(
        pa.array(first, pa.string()),
        pa.array(second, pa.string()),
        pa.array(suffix, pa.string()),
        " ",
    )


def ascii_slug(name: str) -> str:
    """'Håkon Sæther' -> 'hakon.saether' (for e-mail addresses)."""
    name = name.lower().replace("æ", "ae").replace("ø", "o").replace("ł", "l")
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return ".".join(part for part in plain.replace("-", "").split() if part)
