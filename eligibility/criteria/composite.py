"""Criteria made of criteria: one of several ways."""

from dataclasses import replace

from .base import Check, Reason, criterion


def _options(kind_fn):
    """A composite's figure: the largest of its parts' (any way met may be the one the award rests on)."""
    def read(p, span_of):
        from . import REGISTRY

        return max((getattr(REGISTRY[c["kind"]], kind_fn)(c.get("params", {}), span_of)
                    for option in p.get("options", []) for c in option), default=0)
    return read


def _rests_on(p):
    from . import REGISTRY

    options = p.get("options", [])
    # With more than one way, the award may stand on another way than the one a revocation takes away.
    return [replace(d, option=len(options) > 1) for option in options for c in option
            for d in REGISTRY[c["kind"]].rests_on(c.get("params", {}))]


@criterion("any_of", rating_years=_options("rating_years"), achievement_years=_options("achievement_years"),
           rests_on=_rests_on)
def any_of(book, options):
    """Met when every criterion of one of ``options`` (lists of {kind, params, text}) is met."""
    compiled = [[book.compile(c["kind"], c.get("params", {}), c["text"]) for c in option] for option in options]

    def explain(s, ctx):
        tried = []
        for option in compiled:
            reasons = [r for fn in option for r in fn(s, ctx)]
            if all(r.ok for r in reasons):
                return reasons
            tried.append(reasons)
        # None met: say what each way lacks.
        failed = [[r for r in reasons if not r.ok] for reasons in tried]
        texts = ["; ".join(r.text for r in rs) for rs in failed]
        values = tuple(v for rs in failed for r in rs for v in r.values)
        return [Reason(False, "Chưa đáp ứng cách nào: " + " — hoặc: ".join(texts), values)]
    return Check(explain, lambda s, ctx: any(all(fn.test(s, ctx) for fn in option) for option in compiled))
