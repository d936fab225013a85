"""What every entity of the model is: an id, the YAML mapping it came from, and fields declared to be read from it.

`read(...)` and `built()` annotate a field's declaration (see playbook/model.py and playbook/build.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from playbook.findings import Location
from playbook.yamlload import Map


def read(key: str = "", *, parse: str = "", id_default: bool = False, default: Any = None) -> Any:
    """A field read from the YAML key `key` (default: the field's name), by `parse` (default: by its type)."""
    return field(default=default, metadata={"key": key, "parse": parse, "id_default": id_default})


def built(default: Any = None, *, factory: Callable[[], Any] | None = None) -> Any:
    """A field the builder computes (from several keys, the entity's position, ...), not one YAML key."""
    if factory is not None:
        return field(default_factory=factory, metadata={"built": True})
    return field(default=default, metadata={"built": True})


def memoised(method: Callable[[Any], float]) -> Callable[[Any], float]:
    """Compute a figure of a built (never modified) entity once: rules ask for it thousands of times."""
    slot = "_memo_" + method.__name__

    @functools.wraps(method)
    def wrapper(self: Any) -> float:
        found = self.__dict__.get(slot)
        if found is None:
            found = self.__dict__[slot] = method(self)
        return found

    return wrapper


@dataclass(eq=False)
class Entity:
    id: str
    raw: Map = field(repr=False)

    @property
    def loc(self) -> Location:
        return Location(*self.raw.loc)

    def where(self, key: str | None = None, *, at_key: bool = False) -> Location:
        """Location of a field's value (or key); the entity itself if the field is absent."""
        if key is None or key not in self.raw:
            return self.loc
        return Location(*(self.raw.key_loc(key) if at_key else self.raw.value_loc(key)))
