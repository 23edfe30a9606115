"""SNAP graph XML: nodes, ``${...}`` placeholders, and safe substitution.

Values are inserted as plain text (XML-escaped by lxml), in a single pass,
so a value that itself contains ``${...}`` or code is never expanded or
evaluated. The parser resolves no entities and reads nothing from the
network.
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Mapping, Optional, Tuple

from ..deps import require
from ..errors import InputError, ParameterError
from ..files import check_readable

PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}")
GRAPHS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                          "resources", "snap", "graphs")


def _etree():
    return require("lxml.etree", purpose="Reading SNAP graphs")  # at use: the plugin loads without lxml


@lru_cache(maxsize=1)
def _parser():
    return _etree().XMLParser(resolve_entities=False, no_network=True, remove_comments=False, huge_tree=False)


@dataclass(frozen=True)
class Node:
    """One graph node: its id, SNAP operator and the ids of its sources."""

    id: str
    operator: str
    sources: Tuple[str, ...]


class Graph:
    """A SNAP graph loaded from a file."""

    def __init__(self, path: str):
        self.path = path
        check_readable(path, "SNAP graph")
        etree = _etree()
        try:
            self.tree = etree.parse(path, _parser())
        except etree.XMLSyntaxError as exc:
            raise InputError(f"The SNAP graph '{os.path.basename(path)}' is not well-formed XML: {exc}") from None
        root = self.tree.getroot()
        entities = sorted({el.name for el in root.iter() if isinstance(el, etree._Entity)})
        if entities:
            # never expanded (resolve_entities=False), so their text would silently vanish from the graph
            raise InputError(f"The SNAP graph '{os.path.basename(path)}' uses the entity reference(s) "
                             f"{', '.join('&' + e + ';' for e in entities[:5])}, declared in its DOCTYPE. SNAP graphs "
                             "do not need entities: replace each by its text and remove the DOCTYPE.")
        if root.tag != "graph":
            raise InputError(f"'{os.path.basename(path)}' is not a SNAP graph (its root element is <{root.tag}>, "
                             "not <graph>).")

    def nodes(self) -> List[Node]:
        out = []
        for n in self.tree.getroot().iter("node"):
            sources = []
            src = n.find("sources")
            if src is not None:
                for s in src:
                    ref = s.get("refid") or (s.text or "").strip()
                    if ref:
                        sources.append(ref)
            out.append(Node(n.get("id", ""), (n.findtext("operator") or "").strip(), tuple(sources)))
        return out

    def placeholders(self) -> List[str]:
        """Every ``${name}`` in element text or attributes, in document order, once each."""
        seen: List[str] = []
        for el in self.tree.getroot().iter():
            texts = [el.text or "", el.tail or ""] + list(el.attrib.values())
            for text in texts:
                for name in PLACEHOLDER.findall(text):
                    if name not in seen:
                        seen.append(name)
        return seen

    def check(self) -> None:
        """Every node's sources exist."""
        nodes = self.nodes()
        ids = {n.id for n in nodes}
        for n in nodes:
            missing = [s for s in n.sources if s not in ids]
            if missing:
                raise InputError(f"Node '{n.id}' of '{os.path.basename(self.path)}' reads from missing node(s) "
                                 f"{', '.join(missing)}.")

    def render(self, values: Mapping[str, object], may_be_empty: Tuple[str, ...] = ("geoRegion",)) -> bytes:
        """The graph with every placeholder replaced by its value (as text).

        ``may_be_empty`` placeholders may be "" (an empty ``geoRegion``
        makes SNAP's Subset keep the whole scene).

        Raises
        ------
        ParameterError
            A placeholder has no value, or a value is given for no placeholder.
        """
        needed = self.placeholders()
        values = dict(values)
        for name in may_be_empty:
            if name in needed and values.get(name) is None:
                values[name] = ""
        missing = [p for p in needed if values.get(p) is None or (str(values.get(p)) == "" and p not in may_be_empty)]
        if missing:
            raise ParameterError(f"The SNAP graph '{os.path.basename(self.path)}' needs a value for: "
                                 f"{', '.join(missing)}.")
        unknown = [k for k in values if k not in needed]
        if unknown:
            raise ParameterError(f"'{os.path.basename(self.path)}' has no placeholder "
                                 f"{', '.join('${' + k + '}' for k in unknown)}; its placeholders are "
                                 f"{', '.join(needed) or 'none'}.")
        text = {k: str(v) for k, v in values.items()}
        etree = _etree()
        tree = etree.fromstring(etree.tostring(self.tree), _parser())

        def sub(s: Optional[str]) -> Optional[str]:
            return PLACEHOLDER.sub(lambda m: text[m.group(1)], s) if s else s

        for el in tree.iter():
            el.text, el.tail = sub(el.text), sub(el.tail)
            for k, v in el.attrib.items():
                el.set(k, sub(v))
        return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")

    def write(self, values: Mapping[str, object], folder: Optional[str] = None) -> str:
        """Write the rendered graph to a new unique file (in ``folder`` or the temporary folder)."""
        data = self.render(values)
        fd, path = tempfile.mkstemp(prefix="sensetrack-graph-", suffix=".xml", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return path


def shipped_graphs() -> Dict[str, str]:
    """Name (file stem) -> path of the graphs shipped in resources/snap/graphs."""
    return {os.path.splitext(n)[0]: os.path.join(GRAPHS_DIR, n) for n in sorted(os.listdir(GRAPHS_DIR))
            if n.endswith(".xml")}
