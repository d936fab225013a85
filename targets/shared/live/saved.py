"""API responses saved to a folder, and read back: `playbook import --save DIR` and `--from DIR`.

Layout: one JSON file per response, named after the request's path: the body of
`GET /api/v2/groups` is `api/v2/groups.json`; further pages of a list are
`api/v2/groups.page2.json`, `…page3.json`. Any tool can write such a folder
(e.g. curl), and reading it needs no network and no credentials.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from targets.shared.live.http import LiveError, Settings


def _file(folder: Path, path: str, page: int = 1) -> Path:
    relative = path.split("?", 1)[0].strip("/")
    return folder / (f"{relative}.json" if page == 1 else f"{relative}.page{page}.json")


def save(folder: Path, path: str, page: int, body: Any) -> None:
    """Keep one response (the client calls this for every page it reads)."""
    target = _file(folder, path, page)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


class SavedAccount:
    """Answers the reads of the live code from a folder of saved responses (never writes)."""

    def __init__(self, folder: str, settings: Settings) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise LiveError(f"--from {folder}: no such folder")
        self.settings = settings

    def _read(self, path: str, page: int = 1) -> Any:
        found = _file(self.folder, path, page)
        if not found.is_file():
            if page > 1:
                return None
            raise LiveError(f"--from {self.folder}: no saved response for GET {path} (expected {found})")
        try:
            return json.loads(found.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise LiveError(f"{found}: not JSON ({exc})") from None

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        if path == "/api/v2/users/search":
            return {"users": self._saved_users()}
        return self._read(path)

    def pages(self, path: str, key: str | None = None, params: Mapping[str, Any] | None = None) -> Iterator[Any]:
        page, body = 1, self._read(path)
        while body is not None:
            items = body if key is None else body.get(key)
            if not isinstance(items, list):
                raise LiveError(f"{_file(self.folder, path, page)}: holds no '{key or 'list'}'")
            yield from items
            page += 1
            body = self._read(path, page)

    def all(self, path: str, key: str | None = None, params: Mapping[str, Any] | None = None) -> list[Any]:
        return list(self.pages(path, key, params))

    def request(self, method: str, path: str, **_: Any) -> Any:
        if method == "GET":
            return self.get(path)
        raise LiveError("a saved account is read-only")

    def _saved_users(self) -> list[Any]:
        folder = self.folder / "api" / "v2" / "users"
        found = []
        for entry in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            user = json.loads(entry.read_text(encoding="utf-8")).get("user")
            if user:
                found.append(user)
        return found

    def close(self) -> None:
        pass

    def __enter__(self) -> SavedAccount:
        return self

    def __exit__(self, *exc: object) -> None:
        pass
