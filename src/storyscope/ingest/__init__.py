"""Ingest: turn inputs (files, directories, URLs, feeds, JSONL, WARC, stdin) into articles.

``read_inputs(specs, config)`` (in :mod:`storyscope.ingest.inputs`) yields an
:class:`~storyscope.models.Article` per document found, or an :class:`~storyscope.models.IngestError`
per input (or record) that could not be read; it never raises for one bad input, so the rest of the
batch goes on. Each article has ``id``, ``raw``, ``origin``, ``title``, ``outlet``, ``url``,
``published`` (``YYYY-MM-DD`` or None), ``author``, ``fmt`` and ``meta`` set; the fields after that
(hash, cleaned text, offsets, language, duplicate link) are left for later stages.

What a spec is decides the reader:

=====================  ==========================  =============================================
spec                   module                      one article per
=====================  ==========================  =============================================
``.txt``               :mod:`.textfile`            file (first non-empty line = headline)
``.html`` ``.htm``     :mod:`.html`                file (trafilatura body + metadata)
``.json`` ``.jsonl``   :mod:`.records`             record, streamed (``file#line``)
``.rss`` ``.atom``     :mod:`.feeds`               entry (page fetched if only a summary)
``.warc[.gz]``         :mod:`.warc`                HTML response record, streamed (``file#n``)
``http(s)://``         :mod:`.fetch`               page, or feed entry
directory              :mod:`.inputs`              file found (sorted, recursive, no hidden)
``-``                  :mod:`.inputs`              stdin: JSONL, feed, HTML or text, sniffed
=====================  ==========================  =============================================

Bytes become text in :mod:`.decode` (BOM, declared charset, UTF-8, detection; binary, empty and
oversized inputs refused with one-line reasons). Ids are unique within a run (``-2``, ``-3``, ...).
"""
