"""A deterministic synthetic PSC snapshot (JSON Lines) in the shape of the real one, for load
tests and the import benchmark: ``python -m tests.loaders.psc_synth OUT LINES``."""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

NATURES = (
    "ownership-of-shares-25-to-50-percent",
    "ownership-of-shares-50-to-75-percent",
    "ownership-of-shares-75-to-100-percent",
    "voting-rights-75-to-100-percent",
    "right-to-appoint-and-remove-directors",
    "significant-influence-or-control-as-trust",
)
NATIONALITIES = ("British", "Irish", "French", "German", "Polish", "American", "Indian")


def _individual(rng: random.Random, company: str, n: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "individual-person-with-significant-control",
        "name": f"Person {n}",
        "name_elements": {"forename": "Person", "surname": str(n)},
        "nationality": rng.choice(NATIONALITIES),
        "country_of_residence": "England",
        "date_of_birth": {"month": rng.randint(1, 12), "year": rng.randint(1940, 2000)},
        "address": {
            "premises": str(n),
            "address_line_1": "High Street",
            "locality": "Leeds",
            "postal_code": "LS1 1AA",
            "country": "England",
        },
        "natures_of_control": rng.sample(NATURES, rng.randint(1, 3)),
        "notified_on": f"20{rng.randint(16, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "links": {"self": f"/company/{company}/persons-with-significant-control/individual/p{n}"},
    }
    if rng.random() < 0.1:
        data["ceased_on"] = "2025-01-31"
    return data


def _corporate(rng: random.Random, company: str, n: int, owner: int) -> dict[str, Any]:
    return {
        "kind": "corporate-entity-person-with-significant-control",
        "name": f"Holding {owner} Limited",
        "identification": {
            "country_registered": "England And Wales",
            "place_registered": "Companies House",
            "registration_number": f"{owner:08d}",
        },
        "natures_of_control": ["ownership-of-shares-75-to-100-percent"],
        "notified_on": "2016-04-06",
        "links": {
            "self": f"/company/{company}/persons-with-significant-control/corporate-entity/c{n}"
        },
    }


def lines(count: int, seed: int = 7) -> Iterator[str]:
    """``count`` PSC lines (1-3 per company) and the closing totals line."""
    rng = random.Random(seed)
    written, company_index = 0, 0
    while written < count:
        company_index += 1
        company = f"{company_index:08d}"
        for _ in range(min(rng.randint(1, 3), count - written)):
            written += 1
            roll = rng.random()
            if roll < 0.75:
                data = _individual(rng, company, written)
            elif roll < 0.95:
                data = _corporate(
                    rng, company, written, rng.randint(company_index + 1, company_index + 1000)
                )
            elif roll < 0.99:
                data = {
                    "kind": "persons-with-significant-control-statement",
                    "statement": "psc-exists-but-not-identified",
                    "notified_on": "2017-01-01",
                    "links": {
                        "self": f"/company/{company}/persons-with-significant-control-"
                        f"statements/s{written}"
                    },
                }
            else:
                data = {
                    "kind": "super-secure-person-with-significant-control",
                    "links": {
                        "self": f"/company/{company}/persons-with-significant-control/"
                        f"super-secure/x{written}"
                    },
                }
            yield json.dumps(
                {
                    "company_number": company.lstrip("0") if written % 7 == 0 else company,
                    "data": data,
                }
            )
    yield json.dumps(
        {
            "data": {
                "kind": "totals#persons-of-significant-control-snapshot",
                "persons_of_significant_control_count": count,
            }
        }
    )


def write(path: Path, count: int, seed: int = 7) -> Path:
    with path.open("w") as handle:
        for line in lines(count, seed):
            handle.write(line + "\n")
    return path


if __name__ == "__main__":
    write(Path(sys.argv[1]), int(sys.argv[2]))
