"""The local editor list: the people who may add reports and decide about figures when
the app has no OpenID Connect sign-in. Each editor is a name and a salted scrypt hash of
a password, in a TOML file outside the repository (~/.config/zhengshu/editors.toml, or
the file ZHENGSHU_EDITORS names), written by `python -m dashboard editors add NAME`.

A password is never stored, logged or kept in the repository: only its hash, which
hmac.compare_digest compares in constant time. The file is written beside itself and
renamed into place, readable by its owner alone (0600).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import tomllib
from pathlib import Path

# scrypt's cost: about 50 ms and 16 MB a check here, so a guess costs the guesser as much
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_PASSWORD = 8
_NAME = re.compile(r"[^\s\"\\]{1,40}")  # 张三, analyst_1, li.wei@bureau …: one word, no quote or backslash


class EditorError(Exception):
    """An editor name or password that cannot be used, or an unreadable editors file: nothing was written."""


def editors_path() -> Path:
    """~/.config/zhengshu/editors.toml, or the file ZHENGSHU_EDITORS names (tests, a service's own folder)."""
    named = os.environ.get("ZHENGSHU_EDITORS")
    return Path(named) if named else Path.home() / ".config" / "zhengshu" / "editors.toml"


def hash_password(password: str, salt: bytes | None = None) -> str:
    """'scrypt$n$r$p$salt$hash' (salt and hash in base64): a new random salt unless one is given."""
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **SCRYPT)
    encode = base64.b64encode
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${encode(salt).decode()}${encode(digest).decode()}"


def password_matches(password: str, stored: str) -> bool:
    """Whether password gives the stored hash (in constant time; False for a malformed hash)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def load(path: Path | None = None) -> dict[str, str]:
    """Name -> stored hash of every editor (none when the file does not exist)."""
    path = editors_path() if path is None else Path(path)
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise EditorError(f"{path}: 不是有效的编辑者名单 (not a valid editors file): {error}") from None
    return {str(row["name"]): str(row["hash"]) for row in data.get("editor", []) if row.get("name") and row.get("hash")}


def configured(path: Path | None = None) -> bool:
    """Whether at least one editor is listed."""
    return bool(load(path))


def verify(name: str, password: str, path: Path | None = None) -> bool:
    """Whether name is an editor and password is theirs."""
    stored = load(path).get(name.strip())
    if stored is None:
        password_matches(password, hash_password("")) # as slow for an unknown name as for a known one
        return False
    return password_matches(password, stored)


def _write(path: Path, editors: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "# 编辑者名单 editors of the zhengshu dashboard: python -m dashboard editors add|remove|list NAME\n"
    text += "".join(f"\n[[editor]]\nname = {json.dumps(name, ensure_ascii=False)}\nhash = {json.dumps(stored)}\n"
                    for name, stored in editors.items())
    temporary = path.with_name(f".{path.name}.writing-{os.getpid()}")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def add(name: str, password: str, path: Path | None = None) -> Path:
    """List name as an editor with this password (a listed name gets the new password); returns the file."""
    path = editors_path() if path is None else Path(path)
    name = name.strip()
    if not _NAME.fullmatch(name):
        raise EditorError(f"编辑者名称「{name}」无效：1–40 个字符，不含空格、引号或反斜杠 "
                          "(an editor's name is 1-40 characters without spaces, quotes or backslashes)")
    if len(password) < MIN_PASSWORD:
        raise EditorError(f"密码至少 {MIN_PASSWORD} 个字符 (a password needs at least {MIN_PASSWORD} characters)")
    editors = load(path)
    editors[name] = hash_password(password)
    _write(path, editors)
    return path


def remove(name: str, path: Path | None = None) -> bool:
    """Take name off the list; whether it was on it."""
    path = editors_path() if path is None else Path(path)
    editors = load(path)
    if editors.pop(name.strip(), None) is None:
        return False
    _write(path, editors)
    return True
