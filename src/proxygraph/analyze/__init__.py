"""Questions answered on a `proxygraph.graph.Graph`: supply chains, brokers, what-if
removal, timelines, origins of materiel, communities and centralities.

Each function takes a built graph and returns plain records with a `to_dict()`, every
edge or hop carrying the ids of the claims behind it.
"""
