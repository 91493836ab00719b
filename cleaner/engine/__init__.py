"""The rule engine: what runs the rule catalogue (``cleaner.rules``) over a document.

* ``base`` -- the types a rule is made of (``Rule``, ``LineRule``, ``Verdict``, ``Stage`` ...)
  and ``options``, the per-rule settings dataclass: the only engine modules a rule imports;
* ``view`` -- ``DocView``, the read-only document a line or document rule judges;
* ``index`` -- the candidate index: which lines each rule's declaration lets through, found
  once per document view for all rules (``prefilter`` derives literals from patterns);
* ``registry`` -- the order the rules run in, reading their options and building them;
* ``pipeline`` -- applies the rules to one text and writes the change log.

Nothing here is imported by ``cleaner/__init__``: rule modules import ``engine.base`` without
loading the pipeline.
"""
