"""Text helpers shared by rules and the engine; none of them is a rule, none knows of rules.

* ``shape`` -- what a line looks like: a sentence, a headline, a label; word counts (CJK-aware);
* ``scripts`` -- which writing system a line or a document is written in;
* ``lexicon`` -- how common a word is in a language (wordfreq) and in this document;
* ``dates`` -- date expressions of datelines parsed into ISO 8601 at the source's precision.
"""
