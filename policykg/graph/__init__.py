"""The graph side: the store, SPARQL, NetworkX analytics, the pyvis view and exports.

- ``store.GraphStore``: pyoxigraph on disk, one named graph per document; safe ``query``.
- ``queries``: shipped ``@name`` queries, ``resolve_query``, ``format_results``.
- ``export.export``: ttl, nt, nq, trig, jsonld, xml, graphml, gexf, csv.
- ``analytics.to_networkx`` and centrality / component summaries.
- ``viz.render_html``: an offline interactive page.
"""
