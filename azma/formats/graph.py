"""Graph formats of `azma network`: Graphviz DOT, GraphML (Gephi, yEd, networkx) and node-link
JSON (networkx's node_link_data, D3). Each takes a Network view model and returns text.

Every id and name comes from the data and is untrusted: DOT gets only quoted strings built by
`azma.safe.for_dot`, GraphML only text escaped by `azma.safe.for_xml`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from azma.safe import dump_json, for_dot, for_xml

if TYPE_CHECKING:
    from azma.query.network import Edge, Network, Node
    from azma.terminal import Terminal


_FILL = {"Azerbaijan": "#dbe9f6", "Morocco": "#dcefdc"}  # light: black labels stay legible


def _caption(network: Network) -> str:
    """The picture's key: what it holds and how to read it."""
    ego = ""
    if network.ego:
        names = {n.id: n.name for n in network.nodes}
        ego = " around " + ", ".join(names.get(a, a) for a in network.ego)
    cut = (
        f"the {len(network.nodes)} most connected of {network.actors}"
        if len(network.nodes) < network.actors
        else str(len(network.nodes))
    )
    return (
        f"Who appears with whom{ego}: {cut} actors, {len(network.edges)} pairs, {network.records} records. "
        "Blue: Azerbaijan; green: Morocco; white: other. Ellipses are people, boxes institutions. "
        "A line's width and number: the records two actors share."
    )


def _date(edge_date: Any) -> str:
    return "" if edge_date is None else str(edge_date.text)


def render_dot(network: Network, terminal: Terminal) -> str:
    """An undirected DOT graph: people as ellipses, institutions as boxes, Azerbaijan's actors
    blue, Morocco's green; an edge's weight is its number of shared records, drawn as its width
    (and its label), with the records' ids. No layout engine is named: the tool that reads it
    chooses (`neato` or `sfdp` suit it best, `dot` draws it in ranks)."""
    top = max((e.weight for e in network.edges), default=1)
    lines = [
        "graph azma {",
        '  graph [overlap="false", splines="true", outputorder="edgesfirst", sep="+6", fontname="Helvetica", '
        f'fontsize=11, labelloc="b", label={for_dot(_caption(network))}];',
        '  node [fontname="Helvetica", fontsize=10, style="filled", fillcolor="white", margin="0.06,0.03"];',
        '  edge [color="#00000077", fontname="Helvetica", fontsize=9, fontcolor="#555555"];',
    ]
    centre = set(network.ego)
    for node in network.nodes:
        shape = "box" if node.type == "institution" else "ellipse"
        fill = _FILL.get(node.country or "", "white")
        attributes = [
            f"label={for_dot(node.name)}",
            f'shape="{shape}"',
            f'fillcolor="{fill}"',
            *(['penwidth="2.5"'] if node.id in centre else []),
            f"type={for_dot(node.type)}",
            f"country={for_dot(node.country or '')}",
            f"appearances={node.appearances}",
            f"partners={node.partners}",
        ]
        lines.append(f"  {for_dot(node.id)} [{', '.join(attributes)}];")
    for edge in network.edges:
        attributes = [
            f"weight={edge.weight}",
            *([f'label="{edge.weight}"'] if edge.weight > 1 else []),  # a thin line says 1
            f'penwidth="{0.6 + 4.4 * (edge.weight - 1) / max(top - 1, 1):.2f}"',
            *(['color="#00000033"'] if edge.weight == 1 else []),
            f"first={for_dot(_date(edge.first))}",
            f"last={for_dot(_date(edge.last))}",
            f"records={for_dot(' '.join(edge.records))}",
            f"tooltip={for_dot(' '.join(edge.records))}",
        ]
        lines.append(f"  {for_dot(edge.a)} -- {for_dot(edge.b)} [{', '.join(attributes)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


_NODE_KEYS = (("label", "string"), ("type", "string"), ("country", "string"),
              ("appearances", "int"), ("partners", "int"))  # fmt: skip
_EDGE_KEYS = (("weight", "double"), ("first", "string"), ("last", "string"), ("records", "string"))


def render_graphml(network: Network, terminal: Terminal) -> str:
    """GraphML with typed attributes: nodes `label` (the name), `type`, `country`,
    `appearances`, `partners`; edges `weight`, `first`, `last` (EDTF), `records` (ids, spaces)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    for name, kind in _NODE_KEYS:
        out.append(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{kind}"/>')
    for name, kind in _EDGE_KEYS:
        out.append(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>')
    out.append('  <graph id="azma" edgedefault="undirected">')
    for node in network.nodes:
        out.append(f'    <node id="{for_xml(node.id)}">')
        out += [f'      <data key="n_{k}">{v}</data>' for k, v in _node_values(node)]
        out.append("    </node>")
    for i, edge in enumerate(network.edges):
        out.append(f'    <edge id="e{i}" source="{for_xml(edge.a)}" target="{for_xml(edge.b)}">')
        out += [f'      <data key="e_{k}">{v}</data>' for k, v in _edge_values(edge)]
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>"]
    return "\n".join(out) + "\n"


def _node_values(node: Node) -> list[tuple[str, str]]:
    values = [("label", for_xml(node.name)), ("type", for_xml(node.type))]
    if node.country:
        values.append(("country", for_xml(node.country)))
    return values + [("appearances", str(node.appearances)), ("partners", str(node.partners))]


def _edge_values(edge: Edge) -> list[tuple[str, str]]:
    values = [("weight", f"{float(edge.weight)}")]
    values += [
        (k, for_xml(_date(d))) for k, d in (("first", edge.first), ("last", edge.last)) if d is not None
    ]
    return values + [("records", for_xml(" ".join(edge.records)))]


def node_link(network: Network) -> dict[str, Any]:
    """The graph as networkx's node_link_data lays it out (links under "links")."""
    return {
        "directed": False,
        "multigraph": False,
        "graph": {"name": "azma network", "records": network.records},
        "nodes": [
            {
                "id": n.id,
                "name": n.name,
                "type": n.type,
                "country": n.country,
                "appearances": n.appearances,
                "partners": n.partners,
            }
            for n in network.nodes
        ],  # fmt: skip
        "links": [
            {
                "source": e.a,
                "target": e.b,
                "weight": e.weight,
                "first": e.first.text if e.first else None,
                "last": e.last.text if e.last else None,
                "records": list(e.records),
            }
            for e in network.edges
        ],  # fmt: skip
    }


def render_node_link(network: Network, terminal: Terminal) -> str:
    return dump_json(node_link(network), ascii_only=terminal.ascii_only) + "\n"
