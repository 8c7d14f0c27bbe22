"""A behavioural test suite for stance models, in the manner of CheckList (Ribeiro et al., 2020).

Templated minimal cases, one capability each, never trained on. Every case's expected stance
follows from the codebook by construction (a template is written for one reading: "rejected
the allegations as lies" is a denial whoever says it); the cases are tests of a capability, not
annotated data, and are never added to a training split.

Capabilities:

* ``core_<stance>``: each stance's core verbs and phrasings, one clear case per sentence;
* ``negation``: "did not deny", "has not commented", "declined to call for": no position;
* ``reported_vs_narration``: the same event as a narrator's fact (``neutral``) and as a
  position someone reports (``condemn``);
* ``actor_not_target``: the stance of the one who holds it, when the sentence names its target
  first ("X was condemned by Y");
* ``invariance``: the prediction must not change when only the names or countries change
  (scored as the share of case groups whose predictions all agree, whatever they are).

    python benchmarks/behaviour.py [--models default logreg ...]

Prints the failure rate per capability and writes ``results/behaviour/<model>.json`` and
``results/behaviour/summary.md``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from collections import Counter, defaultdict
from pathlib import Path

import stance

RESULTS = Path(__file__).resolve().parents[1] / "results" / "behaviour"

GOVERNMENTS = [
    ("China's foreign ministry", "China"),
    ("The Russian government", "Russia"),
    ("Iran's foreign ministry", "Iran"),
    ("The Belarusian authorities", "Belarus"),
    ("Myanmar's military government", "Myanmar"),
    ("The Saudi government", "Saudi Arabia"),
    ("Egypt's foreign ministry", "Egypt"),
    ("The Nicaraguan government", "Nicaragua"),
]
CRITICS = [
    "Human Rights Watch",
    "Amnesty International",
    "The UN High Commissioner for Human Rights",
    "The European Union",
    "A group of 40 countries",
    "Reporters Without Borders",
    "The United States",
    "UN experts",
]
ABUSES = [
    "the arbitrary detention of journalists",
    "the torture of detainees",
    "the killing of peaceful protesters",
    "enforced disappearances of activists",
    "the crackdown on human rights defenders",
    "forced labour in detention camps",
]
MEASURES = [
    "open an independent investigation into {abuse}",
    "release all detained activists",
    "impose targeted sanctions on the officials responsible for {abuse}",
    "allow UN investigators unfettered access",
    "bring those responsible for {abuse} to justice",
    "establish a commission of inquiry into {abuse}",
]

CORE = {
    "urge_accountability": [
        "{critic} urged {country} to {measure}.",
        "{critic} called on the authorities in {country} to {measure}.",
        "{critic} demanded that {country} {measure}.",
        "{critic} called for an independent international investigation into {abuse} in {country}.",
        "{critic} said those responsible for {abuse} in {country} must be held accountable.",
    ],
    "condemn": [
        "{critic} condemned {abuse} in {country}.",
        "{critic} denounced {abuse} by the authorities in {country}.",
        "{critic} accused the authorities in {country} of {abuse}.",
        "{critic} said it was deeply concerned about reports of {abuse} in {country}.",
        "{critic} documented {abuse} in {country} in a report published on Tuesday.",
    ],
    "deny": [
        "{government} rejected the allegations as lies.",
        "{government} said the accusations of {abuse} were groundless.",
        "{government} denied that it had committed {abuse}.",
        "{government} dismissed the report on {abuse} as fabricated.",
        "{government} said the reports of {abuse} were false and not worth refuting.",
    ],
    "allege_interference": [
        "{government} said the criticism was interference in its internal affairs.",
        "{government} called the sanctions illegal unilateral coercive measures.",
        "{government} accused Western countries of using human rights as a pretext to interfere.",
        "{government} said the resolution on {abuse} was politically motivated.",
        "{government} said the allegations are lies fabricated by hostile forces to smear it.",
    ],
    "neutral": [
        "{critic} met officials from {country} on Tuesday to discuss trade.",
        "The conference on development in {country} will take place in Geneva next week.",
        "{government} announced a new plan to build roads and schools.",
        "{critic} published its annual budget on Monday.",
        "The delegation from {country} arrived in New York on Sunday.",
    ],
}
NEGATION = [
    "{government} did not deny the reports of {abuse}.",
    "{government} has not commented on the allegations of {abuse}.",
    "{critic} declined to say whether {country} should face sanctions.",
    "{critic} did not comment on the situation in {country}.",
    "It was not clear whether {government} would respond to the report.",
]
REPORTED = [
    ("Security forces in {country} detained dozens of protesters on Monday.", "neutral"),
    ("{critic} said security forces in {country} had tortured dozens of protesters.", "condemn"),
    ("The trial of the journalists in {country} began on Monday.", "neutral"),
    ("{critic} said the trial of the journalists in {country} was a sham.", "condemn"),
    ("Police in {country} arrested the activist at her home.", "neutral"),
    ("According to {critic}, police in {country} beat the activist after her arrest.", "condemn"),
]
TARGET_FIRST = [
    ("The authorities in {country} were condemned by {critic} for {abuse}.", "condemn"),
    ("{country} was urged by {critic} to {measure}.", "urge_accountability"),
    ("The report on {abuse} was rejected by {government} as groundless.", "deny"),
    (
        "The sanctions imposed by {critic} were denounced by {government} as interference.",
        "allege_interference",
    ),
]


def _fill(template: str, rng: random.Random) -> str:
    government, country = rng.choice(GOVERNMENTS)
    abuse = rng.choice(ABUSES)
    measure = rng.choice(MEASURES).format(abuse=abuse)
    return template.format(
        government=government, country=country, critic=rng.choice(CRITICS), abuse=abuse,
        measure=measure,
    )  # fmt: skip


def cases(per_template: int = 12, seed: int = 0) -> list[dict]:
    """The suite: ``{"capability", "text", "expected", "group"}`` dicts, deterministic.

    ``expected`` is None for invariance cases (scored by agreement within their ``group``).
    """
    rng = random.Random(seed)
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()

    def add(capability: str, text: str, expected: str | None, group: str = "") -> None:
        if (capability, text) not in seen:  # a text may serve two capabilities
            seen.add((capability, text))
            out.append(
                {"capability": capability, "text": text, "expected": expected, "group": group}
            )

    for stance_, templates in CORE.items():
        for template in templates:
            for _ in range(per_template):
                add(f"core_{stance_}", _fill(template, rng), stance_)
    for template in NEGATION:
        for _ in range(per_template):
            add("negation", _fill(template, rng), "neutral")
    for template, expected in REPORTED + TARGET_FIRST:
        capability = (
            "reported_vs_narration" if (template, expected) in REPORTED else "actor_not_target"
        )
        for _ in range(per_template):
            add(capability, _fill(template, rng), expected)
    # Invariance: one template, one abuse and measure, every government / critic swapped in.
    for k, template in enumerate(itertools.chain.from_iterable(CORE.values())):
        abuse, measure = ABUSES[k % len(ABUSES)], MEASURES[k % len(MEASURES)]
        for (government, country), critic in zip(GOVERNMENTS, CRITICS, strict=True):
            text = template.format(
                government=government, country=country, critic=critic, abuse=abuse,
                measure=measure.format(abuse=abuse),
            )  # fmt: skip
            add("invariance", text, None, group=f"t{k}")
    return out


def run(model: stance.TrainedModel, suite: list[dict]) -> dict:
    """Failure rate per capability (invariance: share of groups whose predictions differ)."""
    predictions = list(model.predict([c["text"] for c in suite]))
    by_capability: dict[str, list[bool]] = defaultdict(list)
    groups: dict[str, set[str]] = defaultdict(set)
    failures: dict[str, list[dict]] = defaultdict(list)
    for case, predicted in zip(suite, predictions, strict=True):
        if case["expected"] is None:
            groups[case["group"]].add(predicted)
            continue
        failed = predicted != case["expected"]
        by_capability[case["capability"]].append(failed)
        if failed and len(failures[case["capability"]]) < 5:
            failures[case["capability"]].append({**case, "predicted": predicted})
    report = {
        capability: {"n": len(flags), "failure_rate": round(sum(flags) / len(flags), 3)}
        for capability, flags in sorted(by_capability.items())
    }
    unstable = sum(len(p) > 1 for p in groups.values())
    report["invariance"] = {"n": len(groups), "failure_rate": round(unstable / len(groups), 3)}
    return {"capabilities": report, "examples_of_failures": failures}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=["default", "lexicon", "logreg"])
    args = parser.parse_args(argv)
    suite = cases()
    counts = Counter(c["capability"] for c in suite)
    print(f"{len(suite)} cases: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows = {}
    for name in args.models:
        model = (
            stance.default_model()
            if name == "default"
            else stance.train(name, "all", metric_resamples=0)
        )
        rows[name] = run(model, suite)
        (RESULTS / f"{name}.json").write_text(json.dumps(rows[name], indent=1) + "\n")
    capabilities = sorted({c for r in rows.values() for c in r["capabilities"]})
    lines = [
        "| capability | cases | " + " | ".join(f"{m} failure rate" for m in rows) + " |",
        "|---|---|" + "---|" * len(rows),
    ]
    for capability in capabilities:
        n = next(r["capabilities"][capability]["n"] for r in rows.values())
        cells = " | ".join(
            f"{r['capabilities'][capability]['failure_rate']:.2f}" for r in rows.values()
        )
        lines.append(f"| {capability} | {n} | {cells} |")
    table = "\n".join(lines)
    print(table)
    (RESULTS / "summary.md").write_text(
        "# Behavioural suite\n\nFailure rate per capability (invariance: share of case groups "
        "whose predictions change when only names or countries change). "
        f"{len(suite)} cases.\n\n{table}\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
