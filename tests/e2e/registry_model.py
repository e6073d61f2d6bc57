"""Surname resolution as the entity registry does it (entity_registry.h: resolve_short_form),
written again from the documents' own facets, for the tests that check facet counts from
`newsdex-index --entities-only` output: a bare person value ("Reagan") counts for the full name
("Ronald Reagan") in the months where, within six months either side, that full name holds at
least 2 articles and 75 % of the articles of all full names carrying the short form."""
import unicodedata
from collections import Counter, defaultdict

PARTICLES = ("al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-")
WINDOW, MIN_ARTICLES, MIN_SHARE = 6, 2, 0.75


def fold(name):
    """Close to schema::facet_key: lower case, accents off."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def distinct(values):
    """schema::distinct_facet_values: one value per folded key, in order (the actor facet joins
    people and organisations, and one article may type a name both ways), under the first
    spelling with lower-case letters if there is one ("DAVOS", "Davos" -> "Davos")."""
    out, where = [], {}
    for v in values:
        k = fold(v)
        if k not in where:
            where[k] = len(out)
            out.append(v)
        elif not any(c.islower() for c in out[where[k]]) and any(c.islower() for c in v):
            out[where[k]] = v
    return out


def short_forms(key):
    words = key.split(" ")
    out = []
    for i in range(1, len(words)):
        suffix = " ".join(words[i:])
        out.append(suffix)
        out += [suffix[len(p):] for p in PARTICLES if suffix.startswith(p) and len(suffix) > len(p) + 1]
    return out


class Resolution:
    """persons: id -> person values (display); months: id -> "YYYYMM" or "" (undated)."""

    def __init__(self, persons, months):
        self.articles = defaultdict(Counter)  # key -> month -> articles
        self.display = {}
        carriers = defaultdict(set)
        for i, values in persons.items():
            for v in set(values):
                k = fold(v)
                self.display.setdefault(k, v)
                if months[i]:
                    self.articles[k][months[i]] += 1
                if " " in k:
                    for s in short_forms(k):
                        carriers[s].add(k)
        self.reading = {}  # (bare key, month) -> full key
        for bare, fulls in carriers.items():
            for month in self.articles.get(bare, {}):
                centre = self._index(month)
                best, best_n, total = None, 0, 0
                for k in sorted(fulls):
                    n = sum(c for m, c in self.articles[k].items()
                            if abs(self._index(m) - centre) <= WINDOW)
                    total += n
                    if n > best_n:
                        best, best_n = k, n
                if best and best_n >= MIN_ARTICLES and best_n >= MIN_SHARE * total:
                    self.reading[(bare, month)] = best

    @staticmethod
    def _index(month):
        return int(month[:4]) * 12 + int(month[4:6]) - 1

    def resolved(self, values, persons, month):
        """A document's actor or person values as the facet counts see them: a bare person
        value one word long becomes the full name it reads as, unless the document names
        that full name already."""
        own = {fold(p) for p in persons}
        out = []
        for v in values:
            full = self.reading.get((fold(v), month)) if " " not in v and v in persons else None
            if full and full not in own:
                out.append(self.display[full])
            else:
                out.append(v)
        return out
